package dev.scimsync.set.internal;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code data} of full-mode SCIM events: a resource's representation without secrets, and the
 * PATCH request equivalent to a change (RFC 9967 §2.2: "the equivalent SCIM command processed").
 */
public final class PatchEquivalent {

  /** The PatchOp message URN. */
  public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private PatchEquivalent() {}

  /** The resource as a SCIM response would show it: without {@code password}. */
  public static ObjectNode representation(ScimResource r) {
    ObjectNode json = r.json();
    removeSecrets(json);
    return json;
  }

  /**
   * A PATCH request that turns the resource before the change into {@code after}: {@code replace}
   * of each changed attribute with its new value, {@code remove} of each that is gone. Passwords
   * are left out.
   */
  public static ObjectNode patchOf(ScimResource after, List<String> changedPaths) {
    ObjectNode json = after.json();
    ObjectNode msg = message();
    ArrayNode ops = msg.withArray("Operations");
    for (String path : changedPaths) {
      if (secret(path)) {
        continue;
      }
      JsonNode value = valueAt(json, path);
      ObjectNode op = ops.addObject();
      if (value == null || value.isNull()) {
        op.put("op", "remove");
        op.put("path", path);
      } else {
        op.put("op", "replace");
        op.put("path", path);
        op.set("value", value.deepCopy());
      }
    }
    return msg;
  }

  /** The PATCH that adds {@code ids} as members. */
  public static ObjectNode membersAdded(Collection<String> ids) {
    ObjectNode msg = message();
    ObjectNode op = msg.withArray("Operations").addObject();
    op.put("op", "add");
    op.put("path", "members");
    ArrayNode values = op.putArray("value");
    ids.stream().sorted().forEach(id -> values.addObject().put("value", id));
    return msg;
  }

  /** The PATCH that removes {@code ids} from the members, one value filter each. */
  public static ObjectNode membersRemoved(Collection<String> ids) {
    ObjectNode msg = message();
    ArrayNode ops = msg.withArray("Operations");
    ids.stream().sorted().forEach(id -> {
      ObjectNode op = ops.addObject();
      op.put("op", "remove");
      op.put("path", "members[value eq \"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]");
    });
    return msg;
  }

  private static ObjectNode message() {
    ObjectNode msg = ScimJson.object();
    msg.putArray("schemas").add(PATCH_OP);
    msg.putArray("Operations");
    return msg;
  }

  private static boolean secret(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.equals("password") || p.startsWith("password.") || p.endsWith(":password");
  }

  private static void removeSecrets(ObjectNode json) {
    List<String> names = new java.util.ArrayList<>();
    json.propertyNames().forEach(names::add);
    for (String n : names) {
      if (secret(n)) {
        json.remove(n);
      }
    }
  }

  /**
   * The value at a canonical attribute path: {@code name}, {@code name.sub}, or an extension's
   * {@code urn:…:Schema:attr[.sub]}; names match case-insensitively.
   */
  static @Nullable JsonNode valueAt(ObjectNode json, String path) {
    JsonNode whole = field(json, path);
    if (whole != null) {
      return whole;
    }
    JsonNode node = json;
    String rest = path;
    if (path.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = path.lastIndexOf(':');
      String urn = path.substring(0, colon);
      node = field(json, urn);
      rest = path.substring(colon + 1);
      if (node == null) {
        return null;
      }
    }
    for (String part : rest.split("\\.")) {
      node = field(node, part);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  private static @Nullable JsonNode field(JsonNode node, String name) {
    if (!node.isObject()) {
      return null;
    }
    for (var e : node.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
