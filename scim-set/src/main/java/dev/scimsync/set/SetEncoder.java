package dev.scimsync.set;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.server.event.EventContext;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.set.internal.PatchEquivalent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the server's {@link ProvisioningEvent}s into SCIM Security Event Tokens (RFC 9967 §2.4):
 *
 * <ul>
 *   <li>a created resource: {@code prov:create:notice|full};
 *   <li>an updated resource: {@code prov:patch:…} after a PATCH, {@code prov:put:…} after a PUT;
 *       group membership changes always as the equivalent PATCH ({@code members} added or removed);
 *   <li>a deleted resource: {@code prov:delete};
 *   <li>a deactivated or reactivated User: {@code prov:deactivate} or {@code prov:activate}.
 * </ul>
 *
 * <p>In {@link Mode#NOTICE} (the default) a SET names the changed attributes only; in {@link
 * Mode#FULL} it carries the data (the resource after a create or PUT, the equivalent PATCH request
 * after a PATCH), for replication across one administrative domain. Passwords are never carried.
 * Every SET of one change shares a {@code txn} derived from the request id and the resource, so a
 * re-encoded SET keeps it; each gets a fresh {@code jti}. Thread-safe and immutable.
 */
public final class SetEncoder {

  /** Whether SETs carry data or only the names of changed attributes (RFC 9967 §2.4). */
  public enum Mode {
    /** {@code …:notice} events with {@code attributes}: receivers call back for values. */
    NOTICE,
    /** {@code …:full} events with {@code data}. */
    FULL
  }

  private final String issuer;
  private final List<String> audience;
  private final Mode mode;
  private final Clock clock;
  private final Supplier<String> jti;
  private final boolean includeId;
  private final Map<String, String> endpoints;

  private SetEncoder(Builder b) {
    this.issuer = Objects.requireNonNull(b.issuer, "an issuer is required");
    this.audience = List.copyOf(b.audience);
    this.mode = b.mode;
    this.clock = b.clock;
    this.jti = b.jti;
    this.includeId = b.includeId;
    this.endpoints = Map.copyOf(b.endpoints);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The SET for {@code event}, or empty when it has none of its own: a group rename is also a
   * group update and is reported once, as that.
   */
  public Optional<SecurityEventToken> encode(ProvisioningEvent event, EventContext context) {
    return encode(event, context, jti.get(), clock.instant());
  }

  /**
   * The SET for {@code event} with a given {@code jti} and {@code iat}: a transport that may send
   * one event several times encodes it alike each time, so that receivers can de-duplicate.
   */
  Optional<SecurityEventToken> encode(ProvisioningEvent event, EventContext context, String jti, Instant issuedAt) {
    Map<String, ObjectNode> events = new LinkedHashMap<>();
    ScimResource resource = null;
    boolean patch = context.operation() != EventContext.Operation.REPLACE;
    if (event instanceof ProvisioningEvent.UserCreated c) {
      resource = c.user();
      events.put(created(), createdPayload(c.user()));
    } else if (event instanceof ProvisioningEvent.GroupCreated c) {
      resource = c.group();
      events.put(created(), createdPayload(c.group()));
    } else if (event instanceof ProvisioningEvent.UserUpdated u) {
      resource = u.user();
      events.put(updated(patch), updatedPayload(u.user(), u.changedAttributes(), patch));
    } else if (event instanceof ProvisioningEvent.GroupUpdated u) {
      resource = u.group();
      events.put(updated(patch), updatedPayload(u.group(), u.changedAttributes(), patch));
    } else if (event instanceof ProvisioningEvent.GroupMembersAdded a) {
      events.put(updated(true), mode == Mode.FULL ? data(PatchEquivalent.membersAdded(a.memberIds()))
          : attributes(List.of("members")));
    } else if (event instanceof ProvisioningEvent.GroupMembersRemoved r) {
      events.put(updated(true), mode == Mode.FULL ? data(PatchEquivalent.membersRemoved(r.memberIds()))
          : attributes(List.of("members")));
    } else if (event instanceof ProvisioningEvent.UserDeactivated d) {
      resource = d.user();
      events.put(ScimEventUris.DEACTIVATE, ScimJson.object());
    } else if (event instanceof ProvisioningEvent.UserReactivated r) {
      resource = r.user();
      events.put(ScimEventUris.ACTIVATE, ScimJson.object());
    } else if (event instanceof ProvisioningEvent.UserDeleted || event instanceof ProvisioningEvent.GroupDeleted) {
      events.put(ScimEventUris.DELETE, ScimJson.object());
    } else if (event instanceof ProvisioningEvent.ResourceChanged c) {
      resource = c.resource();
      switch (c.change()) {
        case CREATED -> events.put(created(), createdPayload(Objects.requireNonNull(c.resource())));
        case UPDATED -> events.put(updated(patch),
            updatedPayload(Objects.requireNonNull(c.resource()), c.changedAttributes(), patch));
        case DELETED -> events.put(ScimEventUris.DELETE, ScimJson.object());
      }
    } else {
      // GroupRenamed: the GroupUpdated of the same write names displayName
      return Optional.empty();
    }
    ScimSubject subject = new ScimSubject(endpoint(event.resourceType()) + "/" + event.resourceId(),
        includeId ? event.resourceId() : null, resource == null ? null : resource.externalId());
    return Optional.of(new SecurityEventToken(jti, issuer, issuedAt, audience,
        txn(context, event), subject, event.occurredAt(), events));
  }

  /** A {@code feed:add} SET: {@code subject} joined the feed this encoder's audience names. */
  public SecurityEventToken feedAdd(ScimSubject subject, @Nullable String txn) {
    return new SecurityEventToken(jti.get(), issuer, clock.instant(), audience, txn, subject, null,
        Map.of(ScimEventUris.FEED_ADD, ScimJson.object()));
  }

  /** A {@code feed:remove} SET: {@code subject} left the feed (not deleted, RFC 9967 §2.3.2). */
  public SecurityEventToken feedRemove(ScimSubject subject, @Nullable String txn) {
    return new SecurityEventToken(jti.get(), issuer, clock.instant(), audience, txn, subject, null,
        Map.of(ScimEventUris.FEED_REMOVE, ScimJson.object()));
  }

  /** The endpoint of {@code resourceType}, e.g. {@code /Users}. */
  private String endpoint(String resourceType) {
    return endpoints.getOrDefault(resourceType, "/" + resourceType + "s");
  }

  private String created() {
    return mode == Mode.FULL ? ScimEventUris.CREATE_FULL : ScimEventUris.CREATE_NOTICE;
  }

  private String updated(boolean patch) {
    if (patch) {
      return mode == Mode.FULL ? ScimEventUris.PATCH_FULL : ScimEventUris.PATCH_NOTICE;
    }
    return mode == Mode.FULL ? ScimEventUris.PUT_FULL : ScimEventUris.PUT_NOTICE;
  }

  private ObjectNode createdPayload(ScimResource r) {
    if (mode == Mode.FULL) {
      return withVersion(data(PatchEquivalent.representation(r)), r);
    }
    List<String> names = new ArrayList<>();
    r.json().propertyNames().forEach(n -> {
      if (!n.equals("schemas") && !n.equals("meta")) {
        names.add(n);
      }
    });
    return withVersion(attributes(names), r);
  }

  private ObjectNode updatedPayload(ScimResource r, java.util.Set<String> changed, boolean patch) {
    List<String> names = new ArrayList<>(changed);
    names.sort(null);
    if (mode == Mode.NOTICE) {
      return withVersion(attributes(names), r);
    }
    return withVersion(data(patch ? PatchEquivalent.patchOf(r, names) : PatchEquivalent.representation(r)), r);
  }

  private static ObjectNode attributes(List<String> names) {
    ObjectNode o = ScimJson.object();
    ArrayNode a = o.putArray("attributes");
    names.forEach(a::add);
    return o;
  }

  private static ObjectNode data(ObjectNode data) {
    ObjectNode o = ScimJson.object();
    o.set("data", data);
    return o;
  }

  private static ObjectNode withVersion(ObjectNode payload, ScimResource r) {
    String v = r.version();
    if (v != null) {
      payload.put("version", v);
    }
    return payload;
  }

  /**
   * The same for every SET of one resource's change in one request, and for a SET encoded again
   * from the same event (RFC 9967 §2.2: re-transmission keeps the {@code txn}).
   */
  private static String txn(EventContext context, ProvisioningEvent event) {
    if (context.requestId().isEmpty()) {
      return UUID.randomUUID().toString();
    }
    String key = context.requestId() + "\n" + event.tenantId() + "\n" + event.resourceType() + "\n"
        + event.resourceId();
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Builds a {@link SetEncoder}. */
  public static final class Builder {
    private @Nullable String issuer;
    private List<String> audience = List.of();
    private Mode mode = Mode.NOTICE;
    private Clock clock = Clock.systemUTC();
    private Supplier<String> jti = () -> UUID.randomUUID().toString().replace("-", "");
    private boolean includeId;
    private final Map<String, String> endpoints = new LinkedHashMap<>(Map.of("User", "/Users", "Group", "/Groups"));

    private Builder() {}

    /** {@code iss}, e.g. the SCIM service's base URL. Required. */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer);
      return this;
    }

    /** {@code aud}: the receivers or feeds, e.g. {@code https://scim.example.com/Feeds/98d5}. */
    public Builder audience(List<String> audience) {
      this.audience = List.copyOf(audience);
      return this;
    }

    /** {@link Mode#NOTICE} (default) or {@link Mode#FULL}. */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode);
      return this;
    }

    /** The clock of {@code iat}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Where {@code jti} values come from; 128 random bits in hex by default. */
    public Builder jtiGenerator(Supplier<String> jti) {
      this.jti = Objects.requireNonNull(jti);
      return this;
    }

    /** Also send the resource {@code id} in {@code sub_id} (off by default; {@code uri} names it). */
    public Builder includeResourceId(boolean include) {
      this.includeId = include;
      return this;
    }

    /** The endpoint of a custom resource type, e.g. {@code ("Device", "/Devices")}. */
    public Builder endpoint(String resourceType, String endpoint) {
      endpoints.put(Objects.requireNonNull(resourceType), Objects.requireNonNull(endpoint));
      return this;
    }

    /** The encoder. */
    public SetEncoder build() {
      return new SetEncoder(this);
    }
  }
}
