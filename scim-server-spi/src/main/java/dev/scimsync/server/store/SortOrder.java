package dev.scimsync.server.store;

/** The order of sorted results (RFC 7644 §3.4.2.3). */
public enum SortOrder {
  /** Smallest first; the default. */
  ASCENDING,
  /** Largest first. */
  DESCENDING
}
