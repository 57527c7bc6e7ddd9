package dev.scimsync.server.event;

import dev.scimsync.core.resource.ScimResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The audit trail of provisioning changes. By default it logs one line per event through SLF4J
 * (logger {@code dev.scimsync.audit}): tenant, event type, resource, actor, request id, client
 * address and the names of changed attributes — never values, so passwords and personal data stay
 * out of logs.
 *
 * <p>Built with {@link #builder()} it also writes an {@link AuditRecord} per event to an {@link
 * AuditSink} (e.g. {@link JsonLinesAuditSink}, exportable as JSON lines), keeping attribute values
 * as an {@link AuditRedaction} policy allows (never passwords), and on a hard delete of a User it
 * can erase that user's personal data from the trail's value store while the records of what
 * happened remain ({@link Builder#eraseOnUserDelete}).
 */
public final class AuditLogListener implements ProvisioningListener {

  private static final Logger AUDIT = LoggerFactory.getLogger("dev.scimsync.audit");

  private final @Nullable AuditSink sink;
  private final AuditRedaction redaction;
  private final boolean eraseOnUserDelete;
  private final boolean log;

  /** A listener that logs through SLF4J only. */
  public AuditLogListener() {
    this(null, AuditRedaction.namesOnly(), false, true);
  }

  private AuditLogListener(@Nullable AuditSink sink, AuditRedaction redaction, boolean eraseOnUserDelete,
      boolean log) {
    this.sink = sink;
    this.redaction = redaction;
    this.eraseOnUserDelete = eraseOnUserDelete;
    this.log = log;
  }

  /** A builder for a listener with a sink. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void onEvent(ProvisioningEvent e) {
    onEvent(e, EventContext.unknown());
  }

  @Override
  public void onEvent(ProvisioningEvent e, EventContext context) {
    AuditRecord record = record(e, context);
    if (log && AUDIT.isInfoEnabled()) {
      String detail = "";
      if (!record.attributes().isEmpty()) {
        detail = e instanceof ProvisioningEvent.GroupMembersAdded || e instanceof ProvisioningEvent.GroupMembersRemoved
            ? " members=" + memberIds(e).size() : " changed=" + record.attributes();
      }
      AUDIT.info("tenant={} event={} type={} id={} actor={} request={} address={}{}", e.tenantId(), e.type(),
          e.resourceType(), e.resourceId(), e.actor(), context.requestId(), context.clientAddress(), detail);
    }
    if (sink == null) {
      return;
    }
    if (eraseOnUserDelete && isUserDeletion(e)) {
      // the personal data goes; the record of the deletion, written next, stays
      sink.erase(AuditSubject.of(e));
    }
    sink.write(record);
  }

  private static boolean isUserDeletion(ProvisioningEvent e) {
    return e instanceof ProvisioningEvent.UserDeleted
        || (e instanceof ProvisioningEvent.ResourceChanged c && c.change() == ProvisioningEvent.ResourceChanged.Change.DELETED
            && c.resourceType().equals("User"));
  }

  /** The record of {@code e}: names of what changed and, as the policy allows, the new values. */
  AuditRecord record(ProvisioningEvent e, EventContext context) {
    List<String> names = new ArrayList<>();
    Map<String, JsonNode> values = new LinkedHashMap<>();
    ScimResource resource = null;
    if (e instanceof ProvisioningEvent.UserCreated c) {
      resource = c.user();
      c.user().json().propertyNames().forEach(names::add);
    } else if (e instanceof ProvisioningEvent.GroupCreated c) {
      resource = c.group();
      c.group().json().propertyNames().forEach(names::add);
    } else if (e instanceof ProvisioningEvent.UserUpdated u) {
      resource = u.user();
      names.addAll(u.changedAttributes());
    } else if (e instanceof ProvisioningEvent.GroupUpdated u) {
      resource = u.group();
      names.addAll(u.changedAttributes());
    } else if (e instanceof ProvisioningEvent.UserDeactivated || e instanceof ProvisioningEvent.UserReactivated) {
      names.add("active");
      values.put("active", JsonNodeFactory.instance.booleanNode(e instanceof ProvisioningEvent.UserReactivated));
    } else if (e instanceof ProvisioningEvent.GroupRenamed r) {
      names.add("displayName");
      put(values, "displayName", JsonNodeFactory.instance.stringNode(r.newName()));
    } else if (e instanceof ProvisioningEvent.GroupMembersAdded || e instanceof ProvisioningEvent.GroupMembersRemoved) {
      names.add("members");
      var ids = JsonNodeFactory.instance.arrayNode();
      memberIds(e).stream().sorted().forEach(ids::add);
      put(values, "members", ids);
    } else if (e instanceof ProvisioningEvent.ResourceChanged c) {
      resource = c.resource();
      if (c.change() == ProvisioningEvent.ResourceChanged.Change.CREATED && c.resource() != null) {
        c.resource().json().propertyNames().forEach(names::add);
      } else {
        names.addAll(c.changedAttributes());
      }
    }
    names.removeIf(n -> n.equals("schemas") || n.equals("meta") || n.equals("id"));
    names.sort(null);
    if (resource != null && !redaction.namesOnlyPolicy()) {
      for (String n : names) {
        put(values, n, resource.valueAt(n));
      }
    }
    return new AuditRecord(UUID.randomUUID().toString(), e.occurredAt(), e.tenantId(), e.actor(),
        context.clientAddress(), context.requestId(), context.operation(), e.type(), e.resourceType(),
        e.resourceId(), names, values);
  }

  private void put(Map<String, JsonNode> values, String path, @Nullable JsonNode value) {
    JsonNode kept = redaction.apply(path, value);
    if (kept != null) {
      values.put(path, kept);
    }
  }

  private static java.util.Set<String> memberIds(ProvisioningEvent e) {
    if (e instanceof ProvisioningEvent.GroupMembersAdded a) {
      return a.memberIds();
    }
    return e instanceof ProvisioningEvent.GroupMembersRemoved r ? r.memberIds() : java.util.Set.of();
  }

  /** Builds an {@link AuditLogListener}. */
  public static final class Builder {
    private @Nullable AuditSink sink;
    private AuditRedaction redaction = AuditRedaction.namesOnly();
    private boolean eraseOnUserDelete;
    private boolean log = true;

    private Builder() {}

    /** Where records go; required. */
    public Builder sink(AuditSink sink) {
      this.sink = Objects.requireNonNull(sink);
      return this;
    }

    /** Which values records keep; {@link AuditRedaction#namesOnly()} by default. */
    public Builder redaction(AuditRedaction redaction) {
      this.redaction = Objects.requireNonNull(redaction);
      return this;
    }

    /**
     * On a hard delete of a User, erase that user's values from the sink ({@link
     * AuditSink#erase}); the records themselves stay. Off by default.
     */
    public Builder eraseOnUserDelete(boolean erase) {
      this.eraseOnUserDelete = erase;
      return this;
    }

    /** Also log through SLF4J, as the plain listener does; on by default. */
    public Builder log(boolean log) {
      this.log = log;
      return this;
    }

    /** The listener. */
    public AuditLogListener build() {
      return new AuditLogListener(Objects.requireNonNull(sink, "a sink is required"), redaction, eraseOnUserDelete,
          log);
    }
  }
}
