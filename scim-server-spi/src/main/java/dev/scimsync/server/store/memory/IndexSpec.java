package dev.scimsync.server.store.memory;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A hash index on the string values of a top-level attribute or of a sub-attribute of its values
 * ({@code emails.value}), keyed by the exact text when {@code caseExact}, else by its case fold.
 *
 * @param name the attribute name, as the schema spells it
 * @param sub the sub-attribute, or null
 * @param caseExact whether keys keep their case
 * @param unique whether two resources of a tenant may not share a key (409 uniqueness)
 */
record IndexSpec(String name, @Nullable String sub, boolean caseExact, boolean unique) {

  /** The index key of {@code value}. */
  String key(String value) {
    return caseExact ? value : Json.fold(value);
  }

  /** {@code name} or {@code name.sub}, for messages. */
  String display() {
    return sub == null ? name : name + "." + sub;
  }

  /**
   * Whether a comparison on {@code name[.sub]} reads this index; {@code emails eq "x"} compares
   * {@code emails.value}, as filter evaluation does.
   */
  boolean covers(String pathName, @Nullable String pathSub) {
    if (!name.equalsIgnoreCase(pathName)) {
      return false;
    }
    if (sub == null) {
      return pathSub == null;
    }
    return pathSub == null ? sub.toLowerCase(Locale.ROOT).equals("value") : sub.equalsIgnoreCase(pathSub);
  }
}
