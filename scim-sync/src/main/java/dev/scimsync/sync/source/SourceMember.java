package dev.scimsync.sync.source;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A member of a source group: the member's source id and, when the source knows it, whether it is
 * a user or a (nested) group.
 *
 * @param id the member's id in the source (the same id its own {@link SourceRecord} carries)
 * @param kind USER or GROUP, or null when the source cannot tell (the engine tries users first)
 */
public record SourceMember(String id, @Nullable ResourceKind kind) {
  /** Requires an id. */
  public SourceMember {
    Objects.requireNonNull(id, "id");
  }

  /** A user member. */
  public static SourceMember user(String id) {
    return new SourceMember(id, ResourceKind.USER);
  }

  /** A group member (a nested group). */
  public static SourceMember group(String id) {
    return new SourceMember(id, ResourceKind.GROUP);
  }
}
