package dev.scimsync.server.internal;

import dev.scimsync.server.event.SecurityEvent;
import dev.scimsync.server.event.SecurityListener;
import dev.scimsync.server.event.SecurityThresholds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns refused requests into {@link SecurityEvent}s: counts failed authentications and 429
 * answers per tenant and per client address in sliding windows, and reports retired tokens and
 * cross-tenant attempts at once. The one place the server raises security events; with no
 * listener it does nothing.
 */
public final class SecuritySignals {

  private static final Logger LOG = LoggerFactory.getLogger(SecuritySignals.class);

  private final List<SecurityListener> listeners;
  private final SecurityThresholds thresholds;
  private final Clock clock;
  private final Window authByTenant;
  private final Window authByAddress;
  private final Window limitedByTenant;
  private final Window limitedByAddress;

  /** Signals to {@code listeners} under {@code thresholds}, timed by {@code clock}. */
  public SecuritySignals(List<SecurityListener> listeners, SecurityThresholds thresholds, Clock clock) {
    this.listeners = List.copyOf(listeners);
    this.thresholds = thresholds;
    this.clock = clock;
    this.authByTenant = new Window(thresholds.authFailures(), thresholds.authFailureWindow());
    this.authByAddress = new Window(thresholds.authFailures(), thresholds.authFailureWindow());
    this.limitedByTenant = new Window(thresholds.rateLimited(), thresholds.rateLimitWindow());
    this.limitedByAddress = new Window(thresholds.rateLimited(), thresholds.rateLimitWindow());
  }

  /** True when someone listens; callers skip extra work (a second credential check) otherwise. */
  public boolean active() {
    return !listeners.isEmpty();
  }

  /** A request was refused 401; {@code tenant} when the request named one, else null. */
  public void authenticationFailed(@Nullable String tenant, @Nullable String address) {
    if (!active()) {
      return;
    }
    Instant now = clock.instant();
    if (tenant != null && authByTenant.hit(tenant, now)) {
      emit(new SecurityEvent.RepeatedAuthenticationFailures(SecurityEvent.Scope.TENANT, tenant,
          thresholds.authFailures(), thresholds.authFailureWindow(), now));
    }
    if (address != null && authByAddress.hit(address, now)) {
      emit(new SecurityEvent.RepeatedAuthenticationFailures(SecurityEvent.Scope.CLIENT_ADDRESS, address,
          thresholds.authFailures(), thresholds.authFailureWindow(), now));
    }
  }

  /** A request was answered 429: by tenant for the tenant limits, by address for the auth limiter. */
  public void rateLimited(@Nullable String tenant, @Nullable String address) {
    if (!active()) {
      return;
    }
    Instant now = clock.instant();
    if (tenant != null) {
      if (limitedByTenant.hit(tenant, now)) {
        emit(new SecurityEvent.RateLimitStorm(SecurityEvent.Scope.TENANT, tenant, thresholds.rateLimited(),
            thresholds.rateLimitWindow(), now));
      }
    } else if (address != null && limitedByAddress.hit(address, now)) {
      emit(new SecurityEvent.RateLimitStorm(SecurityEvent.Scope.CLIENT_ADDRESS, address, thresholds.rateLimited(),
          thresholds.rateLimitWindow(), now));
    }
  }

  /** A retired token was presented. */
  public void retiredTokenUsed(String tenant, String label, @Nullable String address, String requestId) {
    if (active()) {
      emit(new SecurityEvent.RetiredTokenUsed(tenant, label, address, requestId, clock.instant()));
    }
  }

  /** A credential of {@code credentialTenant} was used on {@code tenant}'s URL. */
  public void crossTenant(String tenant, String credentialTenant, @Nullable String address, String requestId) {
    if (active()) {
      emit(new SecurityEvent.CrossTenantRequestRefused(tenant, credentialTenant, address, requestId,
          clock.instant()));
    }
  }

  /** An authenticated credential was refused 403 for a missing scope. */
  public void accessDenied(String tenant, String subject, String method, String path, String reason,
      @Nullable String address, String requestId) {
    if (active()) {
      emit(new SecurityEvent.AccessDenied(tenant, subject, method, path, reason, address, requestId,
          clock.instant()));
    }
  }

  private void emit(SecurityEvent e) {
    for (SecurityListener l : listeners) {
      try {
        l.onSecurityEvent(e);
      } catch (RuntimeException ex) {
        LOG.warn("security listener {} failed on {}: {}", l.getClass().getName(), e.type(), ex.toString());
      }
    }
  }

  /**
   * Hits per key in a sliding window: {@link #hit} is true when the hits within the window reach
   * the threshold; the key then stays quiet for one window. At most {@code threshold} instants
   * are kept per key, and keys idle for a window are dropped once there are many.
   */
  static final class Window {
    private static final int PRUNE_ABOVE = 10_000;

    private final int threshold;
    private final Duration length;
    private final ConcurrentHashMap<String, Hits> keys = new ConcurrentHashMap<>();

    private static final class Hits {
      final ArrayDeque<Instant> times = new ArrayDeque<>();
      Instant quietUntil = Instant.MIN;
      Instant last = Instant.MIN;
    }

    Window(int threshold, Duration length) {
      this.threshold = threshold;
      this.length = length;
    }

    boolean hit(String key, Instant now) {
      if (keys.size() > PRUNE_ABOVE) {
        Instant idle = now.minus(length);
        keys.values().removeIf(h -> {
          synchronized (h) {
            return h.last.isBefore(idle) && !h.quietUntil.isAfter(now);
          }
        });
      }
      Hits h = keys.computeIfAbsent(key, k -> new Hits());
      synchronized (h) {
        h.last = now;
        Instant from = now.minus(length);
        while (!h.times.isEmpty() && !h.times.peekFirst().isAfter(from)) {
          h.times.pollFirst();
        }
        if (now.isBefore(h.quietUntil)) {
          return false;
        }
        h.times.addLast(now);
        if (h.times.size() >= threshold) {
          h.times.clear();
          h.quietUntil = now.plus(length);
          return true;
        }
        return false;
      }
    }
  }
}
