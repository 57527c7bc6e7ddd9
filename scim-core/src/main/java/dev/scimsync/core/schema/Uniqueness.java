package dev.scimsync.core.schema;

import org.jspecify.annotations.Nullable;

/** How unique an attribute's value must be (RFC 7643 §2.2). */
public enum Uniqueness {
  /** {@code none} */
  NONE("none"),
  /** {@code server} */
  SERVER("server"),
  /** {@code global} */
  GLOBAL("global");

  private final String wireName;

  Uniqueness(String wireName) {
    this.wireName = wireName;
  }

  /** The value as written in schema representations. */
  public String wireName() {
    return wireName;
  }

  /** The constant for a wire name in any case, or null. */
  public static @Nullable Uniqueness fromWireName(String name) {
    for (Uniqueness v : values()) {
      if (v.wireName.equalsIgnoreCase(name)) {
        return v;
      }
    }
    return null;
  }
}
