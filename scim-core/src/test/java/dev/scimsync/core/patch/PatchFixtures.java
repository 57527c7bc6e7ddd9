package dev.scimsync.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.TestResources;
import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.MessageSchemas;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.validation.ResourceValidator;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.PatchPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Resources, request parsing and assertions shared by the PATCH tests. */
final class PatchFixtures {

  static final SchemaRegistry REGISTRY = SchemaRegistry.standard();
  static final ResourceSchema USER = REGISTRY.resourceSchema("User");
  static final ResourceSchema GROUP = REGISTRY.resourceSchema("Group");
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";

  /** RFC 7643 §8.2/§8.4 ids. */
  static final String BABS = "2819c223-7f76-453a-919d-413861904646";
  static final String MANDY = "902c246b-6245-4190-8e05-00816be7344a";
  static final String JAMES = "08e1d05d-121c-4561-8b96-473d93df9210";

  private PatchFixtures() {}

  /**
   * A stored resource built the way a store builds it: the body normalised by {@link
   * ResourceValidator#forCreate} (strict), then the server's {@code id} and {@code meta} put back.
   */
  static ScimResource stored(ResourceSchema schema, String json) {
    ObjectNode body = ScimJson.parseObject(json);
    ScimResource r = new ResourceValidator(schema, Tolerance.strict()).forCreate(body);
    if (body.has("id")) {
      r = r.withId(body.get("id").stringValue());
    }
    if (body.has("meta")) {
      r = r.with("meta", body.get("meta"));
    }
    return r;
  }

  /** The RFC 7643 §8.2 full user. */
  static ScimResource fullUser() {
    return stored(USER, TestResources.text("/rfc7643/8.2-full-user.json"));
  }

  /** The RFC 7643 §8.4 group. */
  static ScimResource tourGuides() {
    return stored(GROUP, TestResources.text("/rfc7643/8.4-group.json"));
  }

  static ScimResource user(String json) {
    return stored(USER, json);
  }

  static ScimResource group(String json) {
    return stored(GROUP, json);
  }

  static PatchEngine engine(ResourceSchema schema, Tolerance tolerance) {
    return new PatchEngine(schema, tolerance);
  }

  static JsonNode json(String text) {
    return ScimJson.parse(text);
  }

  /**
   * The operations of a PatchOp body (a bare array of operations is wrapped in one) read through
   * the real entry point, {@link PatchRequest#fromJson(JsonNode, Tolerance)}, strictly.
   */
  static List<PatchOperation> ops(String body) {
    return ops(body, Tolerance.strict());
  }

  /**
   * The operations of a PatchOp body (a bare array of operations is wrapped in one) read through
   * the real entry point with {@code tolerance}, which should be the engine's.
   */
  static List<PatchOperation> ops(String body, Tolerance tolerance) {
    JsonNode root = ScimJson.parse(body);
    if (root.isArray()) {
      ObjectNode message = ScimJson.object();
      message.putArray("schemas").add(MessageSchemas.PATCH_OP);
      message.set("Operations", root);
      root = message;
    }
    return PatchRequest.fromJson(root, tolerance).operations();
  }

  /**
   * Operations built straight for the engine, bypassing {@link PatchRequest#fromJson}, for tests
   * of the engine's own checks on operations the message layer would already refuse (a null or
   * missing value). {@code op} must be the lower-case wire name; paths are parsed strictly.
   */
  static List<PatchOperation> engineOps(String body) {
    List<PatchOperation> out = new ArrayList<>();
    for (JsonNode o : ScimJson.parse(body)) {
      PatchOperation.Op op = PatchOperation.Op.fromWireName(o.get("op").stringValue(), false);
      JsonNode path = o.get("path");
      out.add(PatchOperation.of(op, path == null ? null : PatchPath.parse(path.stringValue()), o.get("value")));
    }
    return out;
  }

  /** RFC 7386 merge of {@code overlay} into a copy of {@code base}: objects merge, null removes, the rest replaces. */
  static ObjectNode merged(ObjectNode base, String overlay) {
    ObjectNode out = base.deepCopy();
    merge(out, (ObjectNode) ScimJson.parse(overlay));
    return out;
  }

  private static void merge(ObjectNode target, ObjectNode patch) {
    patch.properties().forEach(p -> {
      JsonNode v = p.getValue();
      if (v.isNull()) {
        target.remove(p.getKey());
      } else if (v.isObject() && target.get(p.getKey()) instanceof ObjectNode t) {
        merge(t, (ObjectNode) v);
      } else {
        target.set(p.getKey(), v.deepCopy());
      }
    });
  }

  static void assertJson(ScimResource actual, JsonNode expected) {
    assertThat(actual.json()).as("patched resource").isEqualTo(expected);
  }

  static void assertJson(ScimResource actual, String expected) {
    assertJson(actual, ScimJson.parse(expected));
  }

  /** The change set names exactly {@code attributes} and has deltas for exactly {@code deltaKeys}. */
  static void assertChanged(PatchResult r, Set<String> attributes, Set<String> deltaKeys) {
    assertThat(r.changes().attributes()).as("changed attributes").containsExactlyInAnyOrderElementsOf(attributes);
    assertThat(r.changes().deltas().keySet()).as("delta keys").containsExactlyInAnyOrderElementsOf(deltaKeys);
  }

  static void assertUnchanged(PatchResult r) {
    assertThat(r.changes().attributes()).as("changed attributes").isEmpty();
    assertThat(r.changes().deltas()).as("deltas").isEmpty();
    assertThat(r.changes().isEmpty()).isTrue();
  }

  /** The delta is exactly: cleared, these removed values, these added values (JSON object keyed by value). */
  static void assertDelta(ValueDelta d, boolean cleared, List<String> removed, String added) {
    assertThat(d.cleared()).as("cleared").isEqualTo(cleared);
    assertThat(d.removed()).as("removed").containsExactlyElementsOf(removed);
    ObjectNode expected = (ObjectNode) ScimJson.parse(added);
    Map<String, JsonNode> actual = new LinkedHashMap<>(d.added());
    JsonNode actualTree = ScimJson.mapper().valueToTree(actual);
    assertThat(actualTree).as("added").isEqualTo(expected);
    assertThat(new ArrayList<>(d.added().keySet())).as("added order")
        .containsExactlyElementsOf(iterable(expected));
  }

  private static List<String> iterable(ObjectNode o) {
    List<String> keys = new ArrayList<>();
    o.properties().forEach(p -> keys.add(p.getKey()));
    return keys;
  }

  /** Runs {@code call} and checks the SCIM error it throws. */
  static ScimException assertScimError(ThrowingCallable call, ScimType type, String fragment) {
    ScimException e = catchThrowableOfType(ScimException.class, call);
    assertThat(e).as("a ScimException").isNotNull();
    assertThat(e.status()).isEqualTo(type.status());
    assertThat(e.scimType()).isEqualTo(type);
    assertThat(e.detail()).contains(fragment);
    return e;
  }

  /** Members of a group as value → element. */
  static Map<String, ObjectNode> members(ScimResource group) {
    Map<String, ObjectNode> m = new LinkedHashMap<>();
    JsonNode arr = group.get("members");
    if (arr != null) {
      for (JsonNode e : arr) {
        m.put(e.get("value").stringValue(), (ObjectNode) e);
      }
    }
    return m;
  }

  /**
   * What a store does with a delta: clear, remove, then add, an added value merging into a value
   * with the same {@code value} as the engine's union does.
   */
  static Map<String, ObjectNode> applyDelta(Map<String, ObjectNode> before, ValueDelta d) {
    Map<String, ObjectNode> m = new LinkedHashMap<>();
    before.forEach((k, v) -> m.put(k, v.deepCopy()));
    if (d.cleared()) {
      m.clear();
    }
    d.removed().forEach(m::remove);
    d.added().forEach((k, v) -> {
      ObjectNode cur = m.get(k);
      if (cur == null) {
        m.put(k, v.deepCopy());
      } else {
        v.properties().forEach(p -> cur.set(p.getKey(), p.getValue().deepCopy()));
      }
    });
    return m;
  }
}
