package dev.scimsync.core.validation;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which deviations from RFC 7643/7644 the reader accepts, one named {@link Leniency} each, so that
 * a server can accept what each identity provider really sends while always writing strict RFC
 * output. Immutable: a set of leniencies, so that new ones can be added without breaking callers.
 * Start from a preset ({@link #strict()}, {@link #entra()}, {@link #okta()}, {@link #lenient()})
 * and adjust with {@link #toBuilder()}, or name the leniencies with {@link #of}.
 */
public final class Tolerance {

  /** One accepted deviation from RFC 7643/7644. */
  public enum Leniency {
    /**
     * {@code "True"}/{@code "False"} in any case accepted where the schema says boolean, in
     * resources, PATCH values and filters (Entra ID's {@code active} and {@code primary}).
     */
    STRING_BOOLEANS,
    /** PATCH {@code op} values in any case ({@code "Replace"}, Entra ID). */
    ANY_CASE_OPERATIONS,
    /**
     * A JSON {@code null} is read as "not sent" and leaves the attribute as it is; strictly, null
     * means "unassigned" and clears it (RFC 7643 §2.5).
     */
    NULL_AS_ABSENT,
    /**
     * Unknown or misspelt URNs in {@code schemas}, and objects under unknown URN keys, are ignored
     * instead of rejected (Entra ID's {@code ...enterprise:2.0User}, OneLogin's SCIM 1.0 URN).
     */
    IGNORE_UNKNOWN_SCHEMAS,
    /** Attributes no schema defines are dropped instead of rejected. */
    IGNORE_UNKNOWN_ATTRIBUTES,
    /**
     * A plain value sent for a complex attribute with a {@code value} sub-attribute is read as
     * {@code {"value": ...}} (Entra ID's {@code "manager": "id"}).
     */
    COMPLEX_FROM_SIMPLE_VALUE,
    /**
     * Numbers sent as text, and text for numbers, coerced where the schema type is clear (OneLogin
     * templates).
     */
    COERCE_STRING_VALUES,
    /**
     * A single value sent for a multi-valued attribute is read as a list of one, and a list of one
     * for a single-valued attribute as that value.
     */
    FLEXIBLE_CARDINALITY,
    /**
     * Keys such as {@code "name.givenName"} or {@code "urn:...:enterprise:2.0:User:employeeNumber"}
     * in bodies and pathless PATCH values address nested and extension attributes (Entra ID),
     * instead of being rejected as unknown attributes.
     */
    DOTTED_KEYS,
    /** Unquoted string values in filters ({@code externalId eq jyoung}). */
    UNQUOTED_FILTER_VALUES,
    /**
     * A PATCH add or replace on {@code emails[type eq "work"].value} that matches no value creates
     * {@code {"type":"work","value":...}} instead of failing with noTarget (Entra ID).
     */
    FILTERED_PATH_CREATES_VALUE,
    /**
     * Values outside an attribute's {@code canonicalValues} (an e-mail {@code type} of {@code
     * "business"}) are kept instead of rejected; RFC 7643 §2.2 lets providers accept them. Either
     * way, a value that matches a canonical one in another case is written in the canonical case
     * ({@code "Work"} becomes {@code "work"}).
     */
    NON_CANONICAL_VALUES
  }

  private static final Tolerance STRICT = new Tolerance(EnumSet.noneOf(Leniency.class));

  private static final Tolerance ENTRA = new Tolerance(EnumSet.complementOf(EnumSet.of(
      Leniency.COERCE_STRING_VALUES)));

  private static final Tolerance OKTA = new Tolerance(EnumSet.of(
      Leniency.ANY_CASE_OPERATIONS,
      Leniency.NULL_AS_ABSENT,
      Leniency.IGNORE_UNKNOWN_SCHEMAS,
      Leniency.IGNORE_UNKNOWN_ATTRIBUTES,
      Leniency.FLEXIBLE_CARDINALITY,
      Leniency.NON_CANONICAL_VALUES));

  private static final Tolerance LENIENT = new Tolerance(EnumSet.allOf(Leniency.class));

  private final Set<Leniency> leniencies;

  private Tolerance(EnumSet<Leniency> leniencies) {
    this.leniencies = Collections.unmodifiableSet(EnumSet.copyOf(leniencies));
  }

  /** RFC 7643/7644 to the letter: no leniency. */
  public static Tolerance strict() {
    return STRICT;
  }

  /**
   * What Microsoft Entra ID sends, with and without the {@code aadOptscim062020} flag: every
   * leniency except {@link Leniency#COERCE_STRING_VALUES}.
   */
  public static Tolerance entra() {
    return ENTRA;
  }

  /**
   * What Okta sends: pathless PATCH values, {@code null} members, lower-case ops — {@link
   * Leniency#ANY_CASE_OPERATIONS}, {@link Leniency#NULL_AS_ABSENT}, {@link
   * Leniency#IGNORE_UNKNOWN_SCHEMAS}, {@link Leniency#IGNORE_UNKNOWN_ATTRIBUTES}, {@link
   * Leniency#FLEXIBLE_CARDINALITY} and {@link Leniency#NON_CANONICAL_VALUES}.
   */
  public static Tolerance okta() {
    return OKTA;
  }

  /** Every leniency: the default for a server that must work with any IdP unmodified. */
  public static Tolerance lenient() {
    return LENIENT;
  }

  /** Exactly the given leniencies. */
  public static Tolerance of(Leniency... leniencies) {
    EnumSet<Leniency> set = EnumSet.noneOf(Leniency.class);
    Collections.addAll(set, leniencies);
    return new Tolerance(set);
  }

  /** Exactly the given leniencies. */
  public static Tolerance of(Collection<Leniency> leniencies) {
    EnumSet<Leniency> set = EnumSet.noneOf(Leniency.class);
    set.addAll(leniencies);
    return new Tolerance(set);
  }

  /** The leniencies accepted, read-only. */
  public Set<Leniency> leniencies() {
    return leniencies;
  }

  /** Whether {@code leniency} is accepted. */
  public boolean allows(Leniency leniency) {
    return leniencies.contains(leniency);
  }

  /** See {@link Leniency#STRING_BOOLEANS}. */
  public boolean stringBooleans() {
    return allows(Leniency.STRING_BOOLEANS);
  }

  /** See {@link Leniency#ANY_CASE_OPERATIONS}. */
  public boolean anyCaseOperations() {
    return allows(Leniency.ANY_CASE_OPERATIONS);
  }

  /** See {@link Leniency#NULL_AS_ABSENT}. */
  public boolean nullAsAbsent() {
    return allows(Leniency.NULL_AS_ABSENT);
  }

  /** See {@link Leniency#IGNORE_UNKNOWN_SCHEMAS}. */
  public boolean ignoreUnknownSchemas() {
    return allows(Leniency.IGNORE_UNKNOWN_SCHEMAS);
  }

  /** See {@link Leniency#IGNORE_UNKNOWN_ATTRIBUTES}. */
  public boolean ignoreUnknownAttributes() {
    return allows(Leniency.IGNORE_UNKNOWN_ATTRIBUTES);
  }

  /** See {@link Leniency#COMPLEX_FROM_SIMPLE_VALUE}. */
  public boolean complexFromSimpleValue() {
    return allows(Leniency.COMPLEX_FROM_SIMPLE_VALUE);
  }

  /** See {@link Leniency#COERCE_STRING_VALUES}. */
  public boolean coerceStringValues() {
    return allows(Leniency.COERCE_STRING_VALUES);
  }

  /** See {@link Leniency#FLEXIBLE_CARDINALITY}. */
  public boolean flexibleCardinality() {
    return allows(Leniency.FLEXIBLE_CARDINALITY);
  }

  /** See {@link Leniency#DOTTED_KEYS}. */
  public boolean dottedKeys() {
    return allows(Leniency.DOTTED_KEYS);
  }

  /** See {@link Leniency#UNQUOTED_FILTER_VALUES}. */
  public boolean unquotedFilterValues() {
    return allows(Leniency.UNQUOTED_FILTER_VALUES);
  }

  /** See {@link Leniency#FILTERED_PATH_CREATES_VALUE}. */
  public boolean filteredPathCreatesValue() {
    return allows(Leniency.FILTERED_PATH_CREATES_VALUE);
  }

  /** See {@link Leniency#NON_CANONICAL_VALUES}. */
  public boolean nonCanonicalValues() {
    return allows(Leniency.NON_CANONICAL_VALUES);
  }

  /** A builder starting from these leniencies. */
  public Builder toBuilder() {
    return new Builder(leniencies);
  }

  /** Equal when the same leniencies are accepted. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Tolerance t && leniencies.equals(t.leniencies);
  }

  @Override
  public int hashCode() {
    return leniencies.hashCode();
  }

  /** The leniencies, e.g. {@code Tolerance[NULL_AS_ABSENT, DOTTED_KEYS]}. */
  @Override
  public String toString() {
    return "Tolerance" + leniencies;
  }

  /** Builds a {@link Tolerance} from a preset. */
  public static final class Builder {
    private final EnumSet<Leniency> set = EnumSet.noneOf(Leniency.class);

    private Builder(Set<Leniency> start) {
      set.addAll(start);
    }

    /** Accepts {@code leniency}, or not. */
    public Builder set(Leniency leniency, boolean on) {
      if (on) {
        set.add(leniency);
      } else {
        set.remove(leniency);
      }
      return this;
    }

    /** Accepts these leniencies too. */
    public Builder allow(Leniency... leniencies) {
      Collections.addAll(set, leniencies);
      return this;
    }

    /** No longer accepts these leniencies. */
    public Builder deny(Leniency... leniencies) {
      for (Leniency l : leniencies) {
        set.remove(l);
      }
      return this;
    }

    /** See {@link Leniency#STRING_BOOLEANS}. */
    public Builder stringBooleans(boolean on) {
      return set(Leniency.STRING_BOOLEANS, on);
    }

    /** See {@link Leniency#ANY_CASE_OPERATIONS}. */
    public Builder anyCaseOperations(boolean on) {
      return set(Leniency.ANY_CASE_OPERATIONS, on);
    }

    /** See {@link Leniency#NULL_AS_ABSENT}. */
    public Builder nullAsAbsent(boolean on) {
      return set(Leniency.NULL_AS_ABSENT, on);
    }

    /** See {@link Leniency#IGNORE_UNKNOWN_SCHEMAS}. */
    public Builder ignoreUnknownSchemas(boolean on) {
      return set(Leniency.IGNORE_UNKNOWN_SCHEMAS, on);
    }

    /** See {@link Leniency#IGNORE_UNKNOWN_ATTRIBUTES}. */
    public Builder ignoreUnknownAttributes(boolean on) {
      return set(Leniency.IGNORE_UNKNOWN_ATTRIBUTES, on);
    }

    /** See {@link Leniency#COMPLEX_FROM_SIMPLE_VALUE}. */
    public Builder complexFromSimpleValue(boolean on) {
      return set(Leniency.COMPLEX_FROM_SIMPLE_VALUE, on);
    }

    /** See {@link Leniency#COERCE_STRING_VALUES}. */
    public Builder coerceStringValues(boolean on) {
      return set(Leniency.COERCE_STRING_VALUES, on);
    }

    /** See {@link Leniency#FLEXIBLE_CARDINALITY}. */
    public Builder flexibleCardinality(boolean on) {
      return set(Leniency.FLEXIBLE_CARDINALITY, on);
    }

    /** See {@link Leniency#DOTTED_KEYS}. */
    public Builder dottedKeys(boolean on) {
      return set(Leniency.DOTTED_KEYS, on);
    }

    /** See {@link Leniency#UNQUOTED_FILTER_VALUES}. */
    public Builder unquotedFilterValues(boolean on) {
      return set(Leniency.UNQUOTED_FILTER_VALUES, on);
    }

    /** See {@link Leniency#FILTERED_PATH_CREATES_VALUE}. */
    public Builder filteredPathCreatesValue(boolean on) {
      return set(Leniency.FILTERED_PATH_CREATES_VALUE, on);
    }

    /** See {@link Leniency#NON_CANONICAL_VALUES}. */
    public Builder nonCanonicalValues(boolean on) {
      return set(Leniency.NON_CANONICAL_VALUES, on);
    }

    /** The settings. */
    public Tolerance build() {
      return new Tolerance(set);
    }
  }
}
