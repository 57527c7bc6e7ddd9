package dev.scimsync.sync.source;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a full listing.
 *
 * @param records the users or groups on this page (may be empty, e.g. a Graph page between links)
 * @param next the position of the next page, opaque to the engine and saved by it so that a
 *     restarted run resumes there; null on the last page
 * @param checkpoint on the last page, a change-feed checkpoint valid from the start of this
 *     listing (e.g. a Graph delta link) when the source learns it only at the end; otherwise null
 *     and the engine uses {@link DirectorySource#beginFullListing()}
 */
public record SourcePage(List<SourceRecord> records, @Nullable String next, @Nullable String checkpoint) {
  /** Copies the list. */
  public SourcePage {
    records = List.copyOf(records);
  }

  /** A page without a checkpoint. */
  public SourcePage(List<SourceRecord> records, @Nullable String next) {
    this(records, next, null);
  }

  /** True when there is no further page. */
  public boolean last() {
    return next == null;
  }
}
