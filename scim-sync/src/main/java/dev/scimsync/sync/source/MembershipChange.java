package dev.scimsync.sync.source;

import java.util.List;
import java.util.Objects;

/**
 * Members added to and removed from one group, for change feeds that report membership as a
 * delta rather than as the whole list (Graph {@code members@delta}, AD DirSync with incremental
 * values). The engine applies it as member adds and removes.
 *
 * @param groupId the group's source id
 * @param added members that joined
 * @param removed members that left
 */
public record MembershipChange(String groupId, List<SourceMember> added, List<SourceMember> removed) {
  /** Requires the group id; copies the lists. */
  public MembershipChange {
    Objects.requireNonNull(groupId, "groupId");
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }
}
