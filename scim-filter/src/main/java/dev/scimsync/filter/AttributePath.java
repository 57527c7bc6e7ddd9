package dev.scimsync.filter;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An attribute path (RFC 7644 {@code attrPath}): an optional schema URN, an attribute name and an
 * optional sub-attribute name, e.g. {@code name.givenName} or {@code
 * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}.
 *
 * <p>Names keep the case in which they were written; SCIM attribute names are case-insensitive, so
 * use {@link #matches(AttributePath)} to compare paths the way SCIM does.
 *
 * @param schema the schema URN, or null when the path is not qualified
 * @param name the attribute name
 * @param subAttribute the sub-attribute name, or null
 */
public record AttributePath(@Nullable String schema, String name, @Nullable String subAttribute) {

  /** Checks that the names are well formed. */
  public AttributePath {
    Objects.requireNonNull(name, "name");
    if (!isAttributeName(name)) {
      throw new FilterException(FilterException.INVALID_PATH, "invalid attribute name '" + name + "'", -1);
    }
    if (subAttribute != null && !isAttributeName(subAttribute)) {
      throw new FilterException(FilterException.INVALID_PATH, "invalid sub-attribute name '" + subAttribute + "'", -1);
    }
    if (schema != null && !isSchemaUrn(schema)) {
      throw new FilterException(FilterException.INVALID_PATH, "invalid schema URN '" + schema + "'", -1);
    }
  }

  /** An unqualified path without sub-attribute. */
  public static AttributePath of(String name) {
    return new AttributePath(null, name, null);
  }

  /** An unqualified path with a sub-attribute. */
  public static AttributePath of(String name, String subAttribute) {
    return new AttributePath(null, name, subAttribute);
  }

  /** Parses an attribute path with the strict default parser. */
  public static AttributePath parse(String text) {
    return FilterParser.DEFAULT.parseAttributePath(text);
  }

  /** This path with {@code sub} as its sub-attribute. */
  public AttributePath withSubAttribute(@Nullable String sub) {
    return new AttributePath(schema, name, sub);
  }

  /** This path without schema URN. */
  public AttributePath withoutSchema() {
    return schema == null ? this : new AttributePath(null, name, subAttribute);
  }

  /** {@code name} or {@code name.subAttribute}, without the schema. */
  public String dotted() {
    return subAttribute == null ? name : name + "." + subAttribute;
  }

  /**
   * True when both paths name the same attribute under SCIM's case-insensitive rules. A missing
   * schema on either side matches any schema.
   */
  public boolean matches(AttributePath other) {
    return name.equalsIgnoreCase(other.name)
        && (subAttribute == null ? other.subAttribute == null : subAttribute.equalsIgnoreCase(other.subAttribute))
        && (schema == null || other.schema == null || schema.equalsIgnoreCase(other.schema));
  }

  /** The path in lower case, suitable as a key for case-insensitive lookups. */
  public String key() {
    String d = dotted().toLowerCase(Locale.ROOT);
    return schema == null ? d : schema.toLowerCase(Locale.ROOT) + ":" + d;
  }

  /** Canonical text: {@code [schema:]name[.subAttribute]}. */
  @Override
  public String toString() {
    return schema == null ? dotted() : schema + ":" + dotted();
  }

  /**
   * True for a valid SCIM attribute name: a letter followed by letters, digits, '-' or '_'. The
   * name {@code $ref} is accepted as well, since RFC 7643 uses it for reference sub-attributes; no
   * other name may start with '$'.
   */
  public static boolean isAttributeName(String s) {
    int n = s.length();
    if (n == 0) {
      return false;
    }
    char first = s.charAt(0);
    int start = 1;
    if (first == '$') {
      return s.equals("$ref");
    } else if (!isAsciiLetter(first)) {
      return false;
    }
    for (int i = start; i < n; i++) {
      char c = s.charAt(i);
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * True for text that can qualify an attribute path: {@code urn:} followed by the characters an
   * attribute path may hold, not ending in ':'.
   */
  public static boolean isSchemaUrn(String s) {
    if (s.length() < 5 || !s.regionMatches(true, 0, "urn:", 0, 4) || s.endsWith(":")) {
      return false;
    }
    for (int i = 4; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == ':' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
