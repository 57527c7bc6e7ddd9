package dev.scimsync.sync.source;

/** The two kinds of directory object the sync engine reconciles. */
public enum ResourceKind {
  /** A person or service account; a SCIM User. */
  USER,
  /** A set of users and groups; a SCIM Group. */
  GROUP
}
