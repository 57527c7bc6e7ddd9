package dev.scimsync.sync.source;

import java.util.List;

/**
 * One slice of a group's members, for sources that read membership per group (AD range retrieval
 * {@code member;range=0-1499}, Google {@code members.list}).
 *
 * @param members the members in this slice
 * @param next the position of the next slice, or null when this slice ends the membership
 */
public record MemberPage(List<SourceMember> members, String next) {
  /** Copies the list. */
  public MemberPage {
    members = List.copyOf(members);
  }
}
