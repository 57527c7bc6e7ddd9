package dev.scimsync.core.schema;

import org.jspecify.annotations.Nullable;

/** When an attribute is returned in responses (RFC 7643 §2.2). */
public enum Returned {
  /** {@code always} */
  ALWAYS("always"),
  /** {@code never} */
  NEVER("never"),
  /** {@code default} */
  DEFAULT("default"),
  /** {@code request} */
  REQUEST("request");

  private final String wireName;

  Returned(String wireName) {
    this.wireName = wireName;
  }

  /** The value as written in schema representations. */
  public String wireName() {
    return wireName;
  }

  /** The constant for a wire name in any case, or null. */
  public static @Nullable Returned fromWireName(String name) {
    for (Returned v : values()) {
      if (v.wireName.equalsIgnoreCase(name)) {
        return v;
      }
    }
    return null;
  }
}
