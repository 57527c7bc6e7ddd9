package dev.scimsync.sync.source;

import org.jspecify.annotations.Nullable;

/**
 * A directory the engine pulls users and groups from: a SCIM service, LDAP/Active Directory, a
 * REST directory. Implementations are called from one thread per run and translate their failures
 * into {@link DirectoryException}s; they need not retry or rate-limit, the engine does both.
 *
 * <p><b>Positions and checkpoints</b> are opaque strings the engine stores between calls and
 * across restarts ({@code null} = start). A position must stay valid long enough for a crashed run
 * to resume; when it is not (an expired LDAP paging cookie, an expired SCIM cursor), throw {@link
 * DirectoryException.Kind#CHECKPOINT_EXPIRED} and the engine restarts that listing from the start.
 * Pages may be replayed: everything the engine does with a page is idempotent. A checkpoint may
 * combine several feeds (e.g. a JSON object holding Graph's users and groups delta links, or AD's
 * {@code highestCommittedUSN} with the DC's name and {@code invocationID}, so that a change of DC
 * is detected and answered with CHECKPOINT_EXPIRED).
 *
 * <p><b>An incomplete read is a failure</b>, never a short page: a size limit hit, a referral not
 * followed, a group whose member ranges could not all be read must throw, because the engine treats
 * a completed listing as the whole directory and removes what it did not see.
 */
public interface DirectorySource {

  /** What this source supports. */
  SourceCapabilities capabilities();

  /**
   * Called before a full listing starts; returns the checkpoint from which a later {@link #changes}
   * call will see every change made after this moment (e.g. AD's {@code highestCommittedUSN}, a
   * timestamp minus a safety margin), or null when the source has no change feed or learns its
   * checkpoint only at the end of the listing ({@link SourcePage#checkpoint()}).
   */
  default @Nullable String beginFullListing() {
    return null;
  }

  /**
   * One page of all users or all groups, starting at {@code position} (null for the first page).
   * Groups carry their members when {@link SourceCapabilities#membership()} is INLINE.
   */
  SourcePage list(ResourceKind kind, @Nullable String position);

  /**
   * One page of the changes since {@code checkpoint}, starting at {@code position} (null for the
   * first page).
   *
   * @throws DirectoryException of kind CHECKPOINT_EXPIRED when the checkpoint is too old or was
   *     issued by another server; the engine then runs a full listing
   * @throws UnsupportedOperationException when the source has no change feed (the default)
   */
  default ChangePage changes(String checkpoint, @Nullable String position) {
    throw new UnsupportedOperationException("this source has no change feed");
  }

  /**
   * One slice of the members of the group with source id {@code groupId}, from {@code position}
   * (null for the first slice); for sources whose membership is PER_GROUP. Every slice must be
   * read: a group whose later slices fail must not be taken as smaller.
   */
  default MemberPage members(String groupId, @Nullable String position) {
    throw new UnsupportedOperationException("this source delivers members inline");
  }
}
