package dev.scimsync.server.event;

import dev.scimsync.core.resource.ScimResource;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Something a provisioning request changed, delivered to {@link ProvisioningListener}s after the
 * write committed. Every event names the tenant, the resource type and id, when it happened and
 * who did it (the authenticated subject, never a token).
 *
 * <p>Deactivation is its own event ({@link UserDeactivated}) because Okta and Entra ID offboard by
 * setting {@code active: false} and rarely delete: revoke sessions on it at once.
 */
public sealed interface ProvisioningEvent {

  /** The tenant whose directory changed. */
  String tenantId();

  /** The resource type, e.g. {@code User}. */
  String resourceType();

  /** The id of the resource that changed. */
  String resourceId();

  /** When the change was committed. */
  Instant occurredAt();

  /** Who made it: the authenticated subject, or null. */
  @Nullable String actor();

  /** A short, stable name such as {@code user.deactivated}. */
  String type();

  /** A user was created. */
  record UserCreated(String tenantId, String resourceId, Instant occurredAt, @Nullable String actor, ScimResource user)
      implements ProvisioningEvent {
    @Override
    public String resourceType() {
      return "User";
    }

    @Override
    public String type() {
      return "user.created";
    }
  }

  /** A user's attributes changed; {@code changedAttributes} are canonical attribute paths. */
  record UserUpdated(String tenantId, String resourceId, Instant occurredAt, @Nullable String actor,
      Set<String> changedAttributes, ScimResource user) implements ProvisioningEvent {
    /** Copies the set. */
    public UserUpdated {
      changedAttributes = Set.copyOf(changedAttributes);
    }

    @Override
    public String resourceType() {
      return "User";
    }

    @Override
    public String type() {
      return "user.updated";
    }
  }

  /** A user went from active to inactive: revoke their sessions. */
  record UserDeactivated(String tenantId, String resourceId, Instant occurredAt, @Nullable String actor, ScimResource user)
      implements ProvisioningEvent {
    @Override
    public String resourceType() {
      return "User";
    }

    @Override
    public String type() {
      return "user.deactivated";
    }
  }

  /** A user went from inactive to active. */
  record UserReactivated(String tenantId, String resourceId, Instant occurredAt, @Nullable String actor, ScimResource user)
      implements ProvisioningEvent {
    @Override
    public String resourceType() {
      return "User";
    }

    @Override
    public String type() {
      return "user.reactivated";
    }
  }

  /** A user was deleted; {@code groupIds} are the groups it was removed from. */
  record UserDeleted(String tenantId, String resourceId, Instant occurredAt, @Nullable String actor, Set<String> groupIds)
      implements ProvisioningEvent {
    /** Copies the set. */
    public UserDeleted {
      groupIds = Set.copyOf(groupIds);
    }

    @Override
    public String resourceType() {
      return "User";
    }

    @Override
    public String type() {
      return "user.deleted";
    }
  }

  /** A group was created (with its initial members, if any). */
  record GroupCreated(String tenantId, String resourceId, Instant occurredAt, @Nullable String actor, ScimResource group)
      implements ProvisioningEvent {
    @Override
    public String resourceType() {
      return "Group";
    }

    @Override
    public String type() {
      return "group.created";
    }
  }

  /** A group's attributes other than its members changed. */
  record GroupUpdated(String tenantId, String resourceId, Instant occurredAt, @Nullable String actor,
      Set<String> changedAttributes, ScimResource group) implements ProvisioningEvent {
    /** Copies the set. */
    public GroupUpdated {
      changedAttributes = Set.copyOf(changedAttributes);
    }

    @Override
    public String resourceType() {
      return "Group";
    }

    @Override
    public String type() {
      return "group.updated";
    }
  }

  /** A group's {@code displayName} changed. */
  record GroupRenamed(String tenantId, String resourceId, Instant occurredAt, @Nullable String actor,
      @Nullable String oldName, String newName) implements ProvisioningEvent {
    @Override
    public String resourceType() {
      return "Group";
    }

    @Override
    public String type() {
      return "group.renamed";
    }
  }

  /** A group was deleted. */
  record GroupDeleted(String tenantId, String resourceId, Instant occurredAt, @Nullable String actor)
      implements ProvisioningEvent {
    @Override
    public String resourceType() {
      return "Group";
    }

    @Override
    public String type() {
      return "group.deleted";
    }
  }

  /** Members joined a group; only ids that were not members before. */
  record GroupMembersAdded(String tenantId, String resourceId, Instant occurredAt, @Nullable String actor, Set<String> memberIds)
      implements ProvisioningEvent {
    /** Copies the set. */
    public GroupMembersAdded {
      memberIds = Set.copyOf(memberIds);
    }

    @Override
    public String resourceType() {
      return "Group";
    }

    @Override
    public String type() {
      return "group.members_added";
    }
  }

  /** Members left a group; only ids that were members before. */
  record GroupMembersRemoved(String tenantId, String resourceId, Instant occurredAt, @Nullable String actor,
      Set<String> memberIds) implements ProvisioningEvent {
    /** Copies the set. */
    public GroupMembersRemoved {
      memberIds = Set.copyOf(memberIds);
    }

    @Override
    public String resourceType() {
      return "Group";
    }

    @Override
    public String type() {
      return "group.members_removed";
    }
  }

  /** A resource of a custom type was created, updated or deleted. */
  record ResourceChanged(String tenantId, String resourceType, String resourceId, Instant occurredAt,
      @Nullable String actor, Change change, Set<String> changedAttributes,
      @Nullable ScimResource resource) implements ProvisioningEvent {
    /** What happened. */
    public enum Change { CREATED, UPDATED, DELETED }

    /** Copies the set; the resource is null for deletions. */
    public ResourceChanged {
      Objects.requireNonNull(change, "change");
      changedAttributes = Set.copyOf(changedAttributes);
    }

    @Override
    public String type() {
      return "resource." + change.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
