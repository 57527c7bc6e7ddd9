package dev.scimsync.spring.boot.autoconfigure;

import java.time.Duration;

/**
 * Told of every SCIM request and sync run; the metrics configuration implements it with
 * Micrometer, so that the rest of the starter names no Micrometer type.
 */
public interface ScimObserver {

  /**
   * One SCIM request answered.
   *
   * @param endpoint the first path segment below the mount (Users, Groups, Bulk, ...) or "other"
   * @param tenant the authenticated tenant, or "none"
   */
  void request(String endpoint, String method, int status, String tenant, long nanos);

  /** One sync run ended. */
  default void syncRun(String directory, String kind, String outcome, Duration duration) {}
}
