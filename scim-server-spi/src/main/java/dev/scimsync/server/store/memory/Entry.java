package dev.scimsync.server.store.memory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** One stored resource. Mutable, guarded by its {@link Tenant}'s lock. */
final class Entry {
  final String id;
  final long seq;
  final Instant created;
  /** Every attribute but the delegated one and the password, with id and meta. */
  ObjectNode doc;
  long version;
  /** The delegated attribute's values by {@code value}, or null when nothing is delegated. */
  @Nullable LinkedHashMap<String, ObjectNode> members;
  /** Per index, the keys this resource has (for unindexing). */
  List<Set<String>> keys;
  /** The salted hash of the password ({@link Passwords}), or null. */
  @Nullable String passwordHash;
  /**
   * Whether every property name in {@link #doc} is its tenant's spelling ({@link
   * Tenant#spellings}); set on every change of the document, by {@link InMemoryStore#spell}.
   */
  boolean spelled;
  /**
   * The entry's row in its tenant's {@link Tenant#rows()}, when it has one there; stale otherwise
   * (the tenant checks that the row holds this entry).
   */
  int row = -1;
  /** The size of {@link #doc} as compact JSON, for the tenant's byte quota. */
  long docBytes;
  /** The size of the delegated values as compact JSON, for the tenant's byte quota. */
  long memberBytes;

  // doc and keys are set by the store (setDoc) before the entry is reachable by any reader
  @SuppressWarnings("NullAway.Init")
  Entry(String id, long seq, Instant created) {
    this.id = id;
    this.seq = seq;
    this.created = created;
  }

  /** What this resource counts against its tenant's byte quota. */
  long bytes() {
    return docBytes + memberBytes;
  }
}
