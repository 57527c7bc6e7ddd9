package dev.scimsync.sync.source;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One slice of a group's members, for sources that read membership per group (AD range retrieval
 * {@code member;range=0-1499}, Google {@code members.list}).
 *
 * @param members the members in this slice
 * @param next the position of the next slice, or null when this slice ends the membership
 */
public record MemberPage(List<SourceMember> members, @Nullable String next) {
  /** Copies the list. */
  public MemberPage {
    members = List.copyOf(members);
  }
}
