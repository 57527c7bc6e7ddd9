package dev.scimsync.sync.source;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of changes since a checkpoint.
 *
 * @param upserts users and groups created or changed; a group's {@code members} is its complete
 *     membership, or null when membership is read per group
 * @param memberChanges membership deltas of groups (applied after the upserts of this page)
 * @param deletions objects that left the source (may be empty for sources that cannot see deletions;
 *     the engine's periodic full reconciliation catches those)
 * @param next the position of the next page, or null on the last page
 * @param checkpoint on the last page, the checkpoint to ask from next time; null otherwise
 */
public record ChangePage(List<SourceRecord> upserts, List<MembershipChange> memberChanges, List<Tombstone> deletions,
    @Nullable String next, @Nullable String checkpoint) {
  /** Copies the lists. */
  public ChangePage {
    upserts = List.copyOf(upserts);
    memberChanges = List.copyOf(memberChanges);
    deletions = List.copyOf(deletions);
  }

  /** A page without membership deltas. */
  public ChangePage(List<SourceRecord> upserts, List<Tombstone> deletions, @Nullable String next,
      @Nullable String checkpoint) {
    this(upserts, List.of(), deletions, next, checkpoint);
  }

  /** True when there is no further page. */
  public boolean last() {
    return next == null;
  }
}
