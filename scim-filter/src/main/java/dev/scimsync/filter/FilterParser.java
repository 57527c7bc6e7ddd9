package dev.scimsync.filter;

import org.jspecify.annotations.Nullable;

/**
 * Reads SCIM filter text (RFC 7644 §3.4.2.2), PATCH paths (§3.5.2) and attribute paths into
 * trees. Instances are immutable and thread-safe; build one per configuration and reuse it.
 *
 * <p>Limits protect a server from hostile input: text longer than {@link Builder#maxLength(int)}
 * or nesting deeper than {@link Builder#maxDepth(int)} (parentheses, {@code not}, value-path
 * brackets) is rejected with a {@link FilterException} before any deep recursion can happen. The
 * parser never throws anything else.
 *
 * <p>The tolerant mode, off by default, additionally accepts unquoted string values such as {@code
 * externalId eq jyoung}, which Microsoft Entra ID has been documented to send.
 */
public final class FilterParser {

  /** Default maximum length of filter or path text, in characters. */
  public static final int DEFAULT_MAX_LENGTH = 10_000;
  /** Default maximum nesting depth. */
  public static final int DEFAULT_MAX_DEPTH = 32;

  /** Strict parsing with the default limits. */
  public static final FilterParser DEFAULT = builder().build();

  private final int maxLength;
  private final int maxDepth;
  private final boolean tolerant;

  private FilterParser(Builder b) {
    this.maxLength = b.maxLength;
    this.maxDepth = b.maxDepth;
    this.tolerant = b.tolerant;
  }

  /** A builder starting from strict parsing and the default limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** Strict parsing with the default limits. */
  public static FilterParser strict() {
    return DEFAULT;
  }

  /** Tolerant parsing (see the class description) with the default limits. */
  public static FilterParser tolerant() {
    return builder().tolerant(true).build();
  }

  /** The maximum accepted text length. */
  public int maxLength() {
    return maxLength;
  }

  /** The maximum accepted nesting depth. */
  public int maxDepth() {
    return maxDepth;
  }

  /** True when unquoted values are accepted. */
  public boolean isTolerant() {
    return tolerant;
  }

  /**
   * Parses a filter.
   *
   * @throws FilterException with scimType {@code invalidFilter} when the text is not a filter or
   *     exceeds a limit
   */
  public Filter parseFilter(@Nullable String text) {
    return new Parser(check(text, FilterException.INVALID_FILTER, "filter"), FilterException.INVALID_FILTER,
        maxDepth, tolerant).filterToEnd();
  }

  /**
   * Parses the {@code path} of a PATCH operation.
   *
   * @throws FilterException with scimType {@code invalidPath}
   */
  public PatchPath parsePath(@Nullable String text) {
    return new Parser(check(text, FilterException.INVALID_PATH, "path"), FilterException.INVALID_PATH,
        maxDepth, tolerant).patchPathToEnd();
  }

  /**
   * Parses an attribute path such as {@code name.givenName} or {@code urn:...:User:manager.value},
   * as used in {@code sortBy}, {@code attributes} and {@code excludedAttributes}.
   *
   * @throws FilterException with scimType {@code invalidPath}
   */
  public AttributePath parseAttributePath(@Nullable String text) {
    return new Parser(check(text, FilterException.INVALID_PATH, "attribute path"), FilterException.INVALID_PATH,
        maxDepth, tolerant).attributePathToEnd();
  }

  private String check(@Nullable String text, String scimType, String what) {
    if (text == null) {
      throw new FilterException(scimType, "the " + what + " is missing", -1);
    }
    if (text.length() > maxLength) {
      throw new FilterException(scimType,
          "the " + what + " is " + text.length() + " characters long; the limit is " + maxLength, maxLength);
    }
    return text;
  }

  /** Builds a {@link FilterParser}. */
  public static final class Builder {
    private int maxLength = DEFAULT_MAX_LENGTH;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private boolean tolerant;

    private Builder() {}

    /** The longest text accepted, at least 1. */
    public Builder maxLength(int maxLength) {
      if (maxLength < 1) {
        throw new IllegalArgumentException("maxLength must be positive");
      }
      this.maxLength = maxLength;
      return this;
    }

    /**
     * The deepest nesting accepted, from 1 to 1000. The parser and every visitor recurse once per
     * level, so the upper bound keeps them far from the thread stack's end.
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 1 || maxDepth > 1000) {
        throw new IllegalArgumentException("maxDepth must be between 1 and 1000");
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /** Whether unquoted string values are accepted. */
    public Builder tolerant(boolean tolerant) {
      this.tolerant = tolerant;
      return this;
    }

    /** The parser. */
    public FilterParser build() {
      return new FilterParser(this);
    }
  }
}
