package dev.scimsync.server.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Whose personal data an audit record's values are: one resource of one tenant. Values are kept
 * per subject so that they can be erased together ({@link AuditValueStore#erase}).
 *
 * @param tenantId the tenant
 * @param resourceType the resource type, e.g. {@code User}
 * @param resourceId the resource id
 */
public record AuditSubject(String tenantId, String resourceType, String resourceId) {

  /** Requires every part. */
  public AuditSubject {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
  }

  /** The subject of {@code event}. */
  public static AuditSubject of(ProvisioningEvent event) {
    return new AuditSubject(event.tenantId(), event.resourceType(), event.resourceId());
  }

  /**
   * A stable name for storage (file names, keys) that does not show the ids: the SHA-256, in hex,
   * of the three parts.
   */
  public String key() {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update((tenantId + "\n" + resourceType + "\n" + resourceId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
