package dev.scimsync.sync.mapping;

import java.util.Locale;

/** A simple expression applied to string values by a {@link Rule}. */
public enum Transform {
  /** The value as it is. */
  NONE,
  /** Lower case (ROOT locale), e.g. for user names. */
  LOWERCASE,
  /** Upper case (ROOT locale). */
  UPPERCASE,
  /** Leading and trailing white space removed. */
  TRIM;

  /** Applies this transform to {@code s}. */
  public String apply(String s) {
    return switch (this) {
      case NONE -> s;
      case LOWERCASE -> s.toLowerCase(Locale.ROOT);
      case UPPERCASE -> s.toUpperCase(Locale.ROOT);
      case TRIM -> s.strip();
    };
  }

  /** The transform named {@code name} in any case ({@code lowercase}, {@code trim}...). */
  public static Transform named(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown transform \"" + name + "\"; use none, lowercase, uppercase or trim");
    }
  }
}
