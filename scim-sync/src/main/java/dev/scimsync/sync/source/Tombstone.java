package dev.scimsync.sync.source;

import java.util.Objects;

/**
 * A deletion reported by a source's change feed (a Graph {@code @removed} entry, an AD tombstone,
 * a syncrepl delete).
 *
 * @param kind user or group
 * @param id the deleted object's source id
 */
public record Tombstone(ResourceKind kind, String id) {
  /** Requires both. */
  public Tombstone {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }
}
