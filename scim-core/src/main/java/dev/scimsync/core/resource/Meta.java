package dev.scimsync.core.resource;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.filter.internal.DateTimes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resource metadata (RFC 7643 §3.1). Any part may be null when unknown.
 *
 * @param resourceType the resource type name, e.g. {@code User}
 * @param created when the resource was created
 * @param lastModified when it was last changed
 * @param location the URI of the resource
 * @param version the version, sent as the entity tag (e.g. {@code W/"3"})
 */
public record Meta(@Nullable String resourceType, @Nullable Instant created, @Nullable Instant lastModified,
    @Nullable String location, @Nullable String version) {

  /** Reads {@code meta} from JSON; unparseable parts become null. */
  public static Meta from(@Nullable JsonNode meta) {
    if (meta == null || !meta.isObject()) {
      return new Meta(null, null, null, null, null);
    }
    return new Meta(text(meta, "resourceType"), instant(meta, "created"), instant(meta, "lastModified"),
        text(meta, "location"), text(meta, "version"));
  }

  /**
   * The JSON form, leaving out null parts; instants in ISO-8601 UTC to the millisecond, since
   * some SCIM clients (.NET's DateTime among them) read at most seven fractional digits.
   */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    if (resourceType != null) {
      o.put("resourceType", resourceType);
    }
    if (created != null) {
      o.put("created", created.truncatedTo(ChronoUnit.MILLIS).toString());
    }
    if (lastModified != null) {
      o.put("lastModified", lastModified.truncatedTo(ChronoUnit.MILLIS).toString());
    }
    if (location != null) {
      o.put("location", location);
    }
    if (version != null) {
      o.put("version", version);
    }
    return o;
  }

  /** This metadata with another location. */
  public Meta withLocation(@Nullable String newLocation) {
    return new Meta(resourceType, created, lastModified, newLocation, version);
  }

  /** This metadata with another version. */
  public Meta withVersion(@Nullable String newVersion) {
    return new Meta(resourceType, created, lastModified, location, newVersion);
  }

  private static @Nullable String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v != null && v.isString() ? v.stringValue() : null;
  }

  private static @Nullable Instant instant(JsonNode n, String f) {
    String t = text(n, f);
    return t == null ? null : DateTimes.parse(t);
  }
}
