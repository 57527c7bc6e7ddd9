package dev.scimsync.server.internal;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place every refused request passes through: 401 (no or a bad credential) and 403 (a
 * credential without the scope the request needs), including each refused operation of a bulk
 * request. It logs one line without any credential; security events and audit hook in here.
 */
public final class Denials {

  private static final Logger LOG = LoggerFactory.getLogger("dev.scimsync.server.denied");

  private Denials() {}

  /**
   * A refused request.
   *
   * @param status 401 or 403
   * @param reason why, as told to the client (no credential in it)
   * @param method the HTTP method (of the bulk operation, for one)
   * @param path the path, abbreviated (of the bulk operation, for one)
   * @param remoteAddress the client's address, or null when unknown or in process
   * @param tenant the tenant of the credential, or null when none was accepted
   * @param subject the credential's subject, or null when none was accepted
   * @param requestId the request id
   * @param credentialPresented whether an {@code Authorization} header was sent
   */
  public record Denial(int status, String reason, String method, String path, @Nullable String remoteAddress,
      @Nullable String tenant, @Nullable String subject, String requestId, boolean credentialPresented) {}

  /** Reports {@code denial}: one log line (WARN, or INFO for a request that sent no credential). */
  public static void report(Denial d) {
    try {
      if (d.status() == 401 && !d.credentialPresented()) {
        LOG.info("denied {} {} {} from {}: {} (no credential) id={}", d.status(), d.method(), d.path(),
            d.remoteAddress(), d.reason(), d.requestId());
      } else {
        LOG.warn("denied {} {} {} from {} tenant={} subject={}: {} id={}", d.status(), d.method(), d.path(),
            d.remoteAddress(), d.tenant(), d.subject(), d.reason(), d.requestId());
      }
    } catch (RuntimeException e) {
      // a failing log appender must not turn a refusal into a 500
    }
  }
}
