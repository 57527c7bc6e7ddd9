package dev.scimsync.core.schema;

import org.jspecify.annotations.Nullable;

/** When an attribute may be written (RFC 7643 §2.2). */
public enum Mutability {
  /** {@code readOnly} */
  READ_ONLY("readOnly"),
  /** {@code readWrite} */
  READ_WRITE("readWrite"),
  /** {@code immutable} */
  IMMUTABLE("immutable"),
  /** {@code writeOnly} */
  WRITE_ONLY("writeOnly");

  private final String wireName;

  Mutability(String wireName) {
    this.wireName = wireName;
  }

  /** The value as written in schema representations. */
  public String wireName() {
    return wireName;
  }

  /** The constant for a wire name in any case, or null. */
  public static @Nullable Mutability fromWireName(String name) {
    for (Mutability v : values()) {
      if (v.wireName.equalsIgnoreCase(name)) {
        return v;
      }
    }
    return null;
  }
}
