package dev.scimsync.sync;

/** What happens to a target user whose source user is gone. */
public enum DeletedUsers {
  /** {@code active: false}; the user stays, can be reactivated, keeps its history. The default. */
  DEACTIVATE,
  /** The target user is deleted. */
  DELETE
}
