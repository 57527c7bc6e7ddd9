package dev.scimsync.sync.source;

/**
 * What a source can do, declared once so the engine plans accordingly.
 *
 * @param changes true when {@link DirectorySource#changes} works (a delta feed, a modification
 *     timestamp filter the source was shown to honour, uSNChanged)
 * @param changesIncludeDeletions true when the change feed reports deletions (Graph, DirSync);
 *     false for timestamp filters, whose deletions only a full reconciliation finds
 * @param membership inline or per group
 * @param maxPageSize the largest page the source serves (AD: 1000), or 0 when unknown
 */
public record SourceCapabilities(boolean changes, boolean changesIncludeDeletions, MembershipShape membership,
    int maxPageSize) {

  /** Full listings only, membership inline. */
  public static SourceCapabilities fullListingOnly() {
    return new SourceCapabilities(false, false, MembershipShape.INLINE, 0);
  }
}
