package dev.scimsync.set;

import dev.scimsync.core.json.ScimJson;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The subject of a SCIM event: the {@code sub_id} claim in the {@code scim} format of RFC 9967
 * §2.1 (RFC 9493 subject identifiers).
 *
 * @param uri the resource's path below the SCIM base URI, e.g. {@code /Users/2819c223}; required
 * @param id the resource id, sent only for receivers that need it (the RFC allows it for backwards
 *     compatibility), or null
 * @param externalId the resource's {@code externalId}, when known, or null
 */
public record ScimSubject(String uri, @Nullable String id, @Nullable String externalId) {

  /** The {@code format} value of a SCIM subject identifier. */
  public static final String FORMAT = "scim";

  /** Requires the uri. */
  public ScimSubject {
    Objects.requireNonNull(uri, "uri");
  }

  /** The {@code sub_id} object. */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    o.put("format", FORMAT);
    o.put("uri", uri);
    if (externalId != null) {
      o.put("externalId", externalId);
    }
    if (id != null) {
      o.put("id", id);
    }
    return o;
  }

  /**
   * Reads a {@code sub_id} object.
   *
   * @throws IllegalArgumentException when it is not a SCIM subject identifier with a {@code uri}
   */
  public static ScimSubject fromJson(JsonNode subId) {
    String uri = subId == null || !subId.isObject() || !FORMAT.equals(text(subId, "format")) ? null
        : text(subId, "uri");
    if (uri == null) {
      throw new IllegalArgumentException("sub_id must be an object with format \"scim\" and a uri");
    }
    return new ScimSubject(uri, text(subId, "id"), text(subId, "externalId"));
  }

  private static @Nullable String text(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v != null && v.isString() ? v.stringValue() : null;
  }
}
