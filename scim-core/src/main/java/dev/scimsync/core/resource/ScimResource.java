package dev.scimsync.core.resource;

import dev.scimsync.core.internal.Access;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.eval.CompiledFilter;
import dev.scimsync.filter.internal.JsonNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A SCIM resource of any type in its JSON form. Immutable: the JSON given is copied, and the JSON
 * handed out is a copy, so a resource can be shared between threads and cached freely.
 *
 * <p>Extension attributes live under their schema URN, as on the wire. Attributes the schema does
 * not know survive unchanged. Typed views such as {@link User} and {@link Group} convert to and
 * from this form without loss.
 */
public final class ScimResource {

  static {
    Access.install(new Access.Resources() {
      @Override
      public ScimResource wrap(ObjectNode owned) {
        return new ScimResource(owned);
      }

      @Override
      public ObjectNode node(ScimResource r) {
        return r.json;
      }

      @Override
      public ScimResource wrap(ObjectNode owned, @Nullable Object memo) {
        ScimResource r = new ScimResource(owned);
        r.memo = memo;
        return r;
      }

      @Override
      public @Nullable Object memo(ScimResource r) {
        return r.memo;
      }

      @Override
      public void memo(ScimResource r, Object memo) {
        r.memo = memo;
      }
    });
  }

  private final ObjectNode json;
  /**
   * Derived from {@code json} alone by an engine of this module (the PATCH engine's index of a
   * long list), so that the next operation on this resource need not derive it again. Not part of
   * the value: a race between two writers only costs recomputing it.
   */
  private volatile @Nullable Object memo;

  private ScimResource(ObjectNode owned) {
    this.json = owned;
  }

  /** A resource holding a copy of {@code json}. */
  public static ScimResource of(ObjectNode json) {
    return new ScimResource(Objects.requireNonNull(json, "json").deepCopy());
  }

  /** Parses a resource from JSON text; malformed JSON gives a {@code invalidSyntax} error. */
  public static ScimResource parse(String json) {
    return new ScimResource(ScimJson.parseObject(json));
  }

  /** A copy of the JSON. */
  public ObjectNode json() {
    return json.deepCopy();
  }

  /** A copy of the top-level attribute {@code name} (exact spelling, as stored), or null. */
  public @Nullable JsonNode get(String name) {
    JsonNode v = json.get(name);
    return v == null ? null : v.deepCopy();
  }

  /**
   * A copy of the value at a canonical attribute path such as {@code name.familyName} or {@code
   * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}, names matched
   * ignoring case; null when absent or when {@code path} is not an attribute path. A path in the
   * core schema's URN is looked up at the top level.
   */
  public @Nullable JsonNode valueAt(String path) {
    AttributePath p;
    try {
      p = AttributePath.parse(path);
    } catch (RuntimeException e) {
      return get(path);
    }
    JsonNode container = json;
    if (p.schema() != null) {
      JsonNode extension = JsonNodes.get(json, p.schema());
      container = extension != null && extension.isObject() ? extension : json;
    }
    JsonNode v = JsonNodes.get(container, p.name());
    if (v != null && p.subAttribute() != null) {
      v = v.isObject() ? JsonNodes.get(v, p.subAttribute()) : null;
    }
    return v == null ? null : v.deepCopy();
  }

  /** True when the top-level attribute {@code name} is present and not null. */
  public boolean has(String name) {
    JsonNode v = json.get(name);
    return v != null && !v.isNull();
  }

  /** The text of the top-level attribute {@code name}, or null when absent or not text. */
  public @Nullable String text(String name) {
    JsonNode v = json.get(name);
    return v != null && v.isString() ? v.stringValue() : null;
  }

  /** The server-assigned {@code id}, or null for a resource not yet stored. */
  public @Nullable String id() {
    return text("id");
  }

  /** The client-assigned {@code externalId}, or null. */
  public @Nullable String externalId() {
    return text("externalId");
  }

  /** The {@code schemas} URNs. */
  public List<String> schemas() {
    List<String> out = new ArrayList<>();
    JsonNode s = json.get("schemas");
    if (s != null && s.isArray()) {
      for (JsonNode e : s) {
        if (e.isString()) {
          out.add(e.stringValue());
        }
      }
    }
    return out;
  }

  /** The metadata; parts that are absent are null. */
  public Meta meta() {
    return Meta.from(json.get("meta"));
  }

  /** The {@code meta.version}, or null. */
  public @Nullable String version() {
    JsonNode m = json.get("meta");
    JsonNode v = m == null ? null : m.get("version");
    return v != null && v.isString() ? v.stringValue() : null;
  }

  /** A copy with {@code id} set. */
  public ScimResource withId(String id) {
    ObjectNode copy = json.deepCopy();
    copy.put("id", id);
    return new ScimResource(copy);
  }

  /** A copy with {@code meta} replaced. */
  public ScimResource withMeta(Meta meta) {
    ObjectNode copy = json.deepCopy();
    copy.set("meta", meta.toJson());
    return new ScimResource(copy);
  }

  /** A copy with the top-level attribute {@code name} set to a copy of {@code value}, or removed when null. */
  public ScimResource with(String name, @Nullable JsonNode value) {
    ObjectNode copy = json.deepCopy();
    if (value == null) {
      copy.remove(name);
    } else {
      copy.set(name, value.deepCopy());
    }
    return new ScimResource(copy);
  }

  /**
   * Tests the resource with a predicate. A {@link CompiledFilter} (from {@link
   * dev.scimsync.filter.eval.FilterEvaluator#compile}) reads the resource without a copy, as it
   * never changes what it tests; any other predicate gets a copy, so that nothing it does can
   * change this immutable resource.
   */
  public boolean matches(Predicate<? super JsonNode> predicate) {
    return predicate.test(predicate instanceof CompiledFilter ? json : json.deepCopy());
  }

  /** Compact JSON text. */
  public String toJsonString() {
    return ScimJson.write(json);
  }

  /** Compact JSON in UTF-8. */
  public byte[] toJsonBytes() {
    return ScimJson.writeBytes(json);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ScimResource r && json.equals(r.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return toJsonString();
  }
}
