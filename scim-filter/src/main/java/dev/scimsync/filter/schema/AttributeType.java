package dev.scimsync.filter.schema;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The data types of RFC 7643 §2.3, with the names used on the wire in schema definitions. */
public enum AttributeType {
  /** Unicode text. */
  STRING("string"),
  /** {@code true} or {@code false}. */
  BOOLEAN("boolean"),
  /** A real number. */
  DECIMAL("decimal"),
  /** A whole number. */
  INTEGER("integer"),
  /** An xsd:dateTime instant, compared by time and not by text. */
  DATE_TIME("dateTime"),
  /** Base64 data; cannot be ordered. */
  BINARY("binary"),
  /** A URI; compared case-exactly. */
  REFERENCE("reference"),
  /** An object with sub-attributes. */
  COMPLEX("complex");

  private final String wireName;

  AttributeType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in RFC 7643 schema representations, e.g. {@code dateTime}. */
  public String wireName() {
    return wireName;
  }

  /** The type for a wire name in any case, or null when there is none. */
  public static @Nullable AttributeType fromWireName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (AttributeType t : values()) {
      if (t.wireName.toLowerCase(Locale.ROOT).equals(n)) {
        return t;
      }
    }
    return null;
  }
}
