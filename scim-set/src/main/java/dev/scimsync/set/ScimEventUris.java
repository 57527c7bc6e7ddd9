package dev.scimsync.set;

import java.util.List;

/** The event URIs of RFC 9967 §7.4, the keys of a SET's {@code events} claim. */
public final class ScimEventUris {

  private ScimEventUris() {}

  /** The prefix every SCIM event URI starts with (RFC 9967 §2). */
  public static final String PREFIX = "urn:ietf:params:scim:event:";
  /** A resource joined the event feed (§2.3.1). */
  public static final String FEED_ADD = PREFIX + "feed:add";
  /** A resource left the event feed (§2.3.2). */
  public static final String FEED_REMOVE = PREFIX + "feed:remove";
  /** A resource was created; the changed attributes' names (§2.4.1). */
  public static final String CREATE_NOTICE = PREFIX + "prov:create:notice";
  /** A resource was created; its representation in {@code data} (§2.4.1). */
  public static final String CREATE_FULL = PREFIX + "prov:create:full";
  /** A resource was patched; the changed attributes' names (§2.4.2). */
  public static final String PATCH_NOTICE = PREFIX + "prov:patch:notice";
  /** A resource was patched; the equivalent PATCH request in {@code data} (§2.4.2). */
  public static final String PATCH_FULL = PREFIX + "prov:patch:full";
  /** A resource was replaced; the changed attributes' names (§2.4.3). */
  public static final String PUT_NOTICE = PREFIX + "prov:put:notice";
  /** A resource was replaced; the PUT body in {@code data} (§2.4.3). */
  public static final String PUT_FULL = PREFIX + "prov:put:full";
  /** A resource was deleted; no payload (§2.4.4). */
  public static final String DELETE = PREFIX + "prov:delete";
  /** A resource (a User) was activated; no payload (§2.4.5). */
  public static final String ACTIVATE = PREFIX + "prov:activate";
  /** A resource (a User) was deactivated; no payload (§2.4.6). */
  public static final String DEACTIVATE = PREFIX + "prov:deactivate";
  /** An asynchronous request completed (§2.5.1.3); not issued: this server answers synchronously. */
  public static final String ASYNC_RESPONSE = PREFIX + "misc:asyncresp";

  /**
   * The event URIs {@link SetEncoder} can issue, for the {@code securityEvents.eventUris} of the
   * service provider configuration (RFC 9967 §4).
   */
  public static List<String> issued() {
    return List.of(FEED_ADD, FEED_REMOVE, CREATE_NOTICE, CREATE_FULL, PATCH_NOTICE, PATCH_FULL, PUT_NOTICE, PUT_FULL,
        DELETE, ACTIVATE, DEACTIVATE);
  }
}
