package dev.scimsync.sync.source;

/** How a source delivers group membership. */
public enum MembershipShape {
  /** Every group record carries its complete member list ({@link SourceRecord#members()}). */
  INLINE,
  /** Members are read per group, slice by slice, with {@link DirectorySource#members}. */
  PER_GROUP
}
