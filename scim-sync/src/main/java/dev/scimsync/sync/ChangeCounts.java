package dev.scimsync.sync;

/**
 * Changes made (or, in a dry run or verify, planned) by a run.
 *
 * @param creates users and groups created
 * @param updates users and groups changed (only differing attributes, as PATCH)
 * @param deactivations users set {@code active: false}
 * @param deletes users and groups deleted
 * @param memberAdds members added to groups
 * @param memberRemoves members removed from groups
 */
public record ChangeCounts(long creates, long updates, long deactivations, long deletes, long memberAdds,
    long memberRemoves) {

  /** No changes. */
  public static final ChangeCounts NONE = new ChangeCounts(0, 0, 0, 0, 0, 0);

  /** The sum of all counts. */
  public long total() {
    return creates + updates + deactivations + deletes + memberAdds + memberRemoves;
  }
}
