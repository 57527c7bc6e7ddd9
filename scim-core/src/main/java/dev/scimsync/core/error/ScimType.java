package dev.scimsync.core.error;

import org.jspecify.annotations.Nullable;

/** The {@code scimType} error keywords of RFC 7644 §3.12, with their usual HTTP status. */
public enum ScimType {
  /** The filter syntax was invalid or the filter cannot be evaluated (400). */
  INVALID_FILTER("invalidFilter", 400),
  /** The filter yields too many results (400). */
  TOO_MANY("tooMany", 400),
  /** A value is not unique (409). */
  UNIQUENESS("uniqueness", 409),
  /** A modification is not compatible with the attribute's mutability (400). */
  MUTABILITY("mutability", 400),
  /** The request body is not valid SCIM JSON (400). */
  INVALID_SYNTAX("invalidSyntax", 400),
  /** A PATCH path is invalid (400). */
  INVALID_PATH("invalidPath", 400),
  /** A PATCH path selected nothing (400). */
  NO_TARGET("noTarget", 400),
  /** A value is missing, of the wrong type or not allowed (400). */
  INVALID_VALUE("invalidValue", 400),
  /** The requested protocol version is not supported (400). */
  INVALID_VERS("invalidVers", 400),
  /** The request carried confidential data in the URL (403). */
  SENSITIVE("sensitive", 403),
  /** A pagination cursor is malformed or not this client's (400, RFC 9865). */
  INVALID_CURSOR("invalidCursor", 400),
  /** A pagination cursor has expired (400, RFC 9865). */
  EXPIRED_CURSOR("expiredCursor", 400);

  private final String wireName;
  private final int status;

  ScimType(String wireName, int status) {
    this.wireName = wireName;
    this.status = status;
  }

  /** The keyword as sent in error responses, e.g. {@code invalidFilter}. */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status that goes with this error type. */
  public int status() {
    return status;
  }

  /** The type for a keyword in any case, or null. */
  public static @Nullable ScimType fromWireName(@Nullable String name) {
    if (name == null) {
      return null;
    }
    for (ScimType t : values()) {
      if (t.wireName.equalsIgnoreCase(name)) {
        return t;
      }
    }
    return null;
  }
}
