package dev.scimsync.core.validation;

/**
 * Which deviations from RFC 7643/7644 the reader accepts, one named switch each, so that a server
 * can accept what each identity provider really sends while always writing strict RFC output.
 * Immutable; start from a preset and adjust with {@link #toBuilder()}.
 *
 * @param stringBooleans {@code "True"}/{@code "False"} in any case accepted where the schema says
 *     boolean, in resources, PATCH values and filters (Entra ID's {@code active} and {@code primary})
 * @param anyCaseOperations PATCH {@code op} values in any case ({@code "Replace"}, Entra ID)
 * @param nullAsAbsent a JSON {@code null} is read as "not sent" and leaves the attribute as it is;
 *     strictly, null means "unassigned" and clears it (RFC 7643 §2.5)
 * @param ignoreUnknownSchemas unknown or misspelt URNs in {@code schemas}, and objects under unknown
 *     URN keys, are ignored instead of rejected (Entra ID's {@code ...enterprise:2.0User}, OneLogin's
 *     SCIM 1.0 URN)
 * @param ignoreUnknownAttributes attributes no schema defines are dropped instead of rejected
 * @param complexFromSimpleValue a plain value sent for a complex attribute with a {@code value}
 *     sub-attribute is read as {@code {"value": ...}} (Entra ID's {@code "manager": "id"})
 * @param coerceStringValues numbers sent as text, and text for numbers, coerced where the schema type
 *     is clear (OneLogin templates)
 * @param flexibleCardinality a single value sent for a multi-valued attribute is read as a list of
 *     one, and a list of one for a single-valued attribute as that value
 * @param dottedKeys keys such as {@code "name.givenName"} or {@code
 *     "urn:...:enterprise:2.0:User:employeeNumber"} in bodies and pathless PATCH values address
 *     nested and extension attributes (Entra ID), instead of being rejected as unknown attributes
 * @param unquotedFilterValues unquoted string values in filters ({@code externalId eq jyoung})
 * @param filteredPathCreatesValue a PATCH add or replace on {@code emails[type eq "work"].value}
 *     that matches no value creates {@code {"type":"work","value":...}} instead of failing with
 *     noTarget (Entra ID)
 * @param nonCanonicalValues values outside an attribute's {@code canonicalValues} (an e-mail
 *     {@code type} of {@code "business"}) are kept instead of rejected; RFC 7643 §2.2 lets
 *     providers accept them. Either way, a value that matches a canonical one in another case is
 *     written in the canonical case ({@code "Work"} becomes {@code "work"}).
 */
public record Tolerance(
    boolean stringBooleans,
    boolean anyCaseOperations,
    boolean nullAsAbsent,
    boolean ignoreUnknownSchemas,
    boolean ignoreUnknownAttributes,
    boolean complexFromSimpleValue,
    boolean coerceStringValues,
    boolean flexibleCardinality,
    boolean dottedKeys,
    boolean unquotedFilterValues,
    boolean filteredPathCreatesValue,
    boolean nonCanonicalValues) {

  /** RFC 7643/7644 to the letter: every switch off. */
  public static Tolerance strict() {
    return new Tolerance(false, false, false, false, false, false, false, false, false, false, false, false);
  }

  /** What Microsoft Entra ID sends, with and without the {@code aadOptscim062020} flag. */
  public static Tolerance entra() {
    return new Tolerance(true, true, true, true, true, true, false, true, true, true, true, true);
  }

  /** What Okta sends: pathless PATCH values, {@code null} members, lower-case ops. */
  public static Tolerance okta() {
    return new Tolerance(false, true, true, true, true, false, false, true, false, false, false, true);
  }

  /** Everything accepted: the default for a server that must work with any IdP unmodified. */
  public static Tolerance lenient() {
    return new Tolerance(true, true, true, true, true, true, true, true, true, true, true, true);
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Tolerance} from a preset. */
  public static final class Builder {
    private boolean stringBooleans;
    private boolean anyCaseOperations;
    private boolean nullAsAbsent;
    private boolean ignoreUnknownSchemas;
    private boolean ignoreUnknownAttributes;
    private boolean complexFromSimpleValue;
    private boolean coerceStringValues;
    private boolean flexibleCardinality;
    private boolean dottedKeys;
    private boolean unquotedFilterValues;
    private boolean filteredPathCreatesValue;
    private boolean nonCanonicalValues;

    private Builder(Tolerance t) {
      stringBooleans = t.stringBooleans;
      anyCaseOperations = t.anyCaseOperations;
      nullAsAbsent = t.nullAsAbsent;
      ignoreUnknownSchemas = t.ignoreUnknownSchemas;
      ignoreUnknownAttributes = t.ignoreUnknownAttributes;
      complexFromSimpleValue = t.complexFromSimpleValue;
      coerceStringValues = t.coerceStringValues;
      flexibleCardinality = t.flexibleCardinality;
      dottedKeys = t.dottedKeys;
      unquotedFilterValues = t.unquotedFilterValues;
      filteredPathCreatesValue = t.filteredPathCreatesValue;
      nonCanonicalValues = t.nonCanonicalValues;
    }

    /** See {@link Tolerance#stringBooleans()}. */
    public Builder stringBooleans(boolean on) {
      stringBooleans = on;
      return this;
    }

    /** See {@link Tolerance#anyCaseOperations()}. */
    public Builder anyCaseOperations(boolean on) {
      anyCaseOperations = on;
      return this;
    }

    /** See {@link Tolerance#nullAsAbsent()}. */
    public Builder nullAsAbsent(boolean on) {
      nullAsAbsent = on;
      return this;
    }

    /** See {@link Tolerance#ignoreUnknownSchemas()}. */
    public Builder ignoreUnknownSchemas(boolean on) {
      ignoreUnknownSchemas = on;
      return this;
    }

    /** See {@link Tolerance#ignoreUnknownAttributes()}. */
    public Builder ignoreUnknownAttributes(boolean on) {
      ignoreUnknownAttributes = on;
      return this;
    }

    /** See {@link Tolerance#complexFromSimpleValue()}. */
    public Builder complexFromSimpleValue(boolean on) {
      complexFromSimpleValue = on;
      return this;
    }

    /** See {@link Tolerance#coerceStringValues()}. */
    public Builder coerceStringValues(boolean on) {
      coerceStringValues = on;
      return this;
    }

    /** See {@link Tolerance#flexibleCardinality()}. */
    public Builder flexibleCardinality(boolean on) {
      flexibleCardinality = on;
      return this;
    }

    /** See {@link Tolerance#dottedKeys()}. */
    public Builder dottedKeys(boolean on) {
      dottedKeys = on;
      return this;
    }

    /** See {@link Tolerance#unquotedFilterValues()}. */
    public Builder unquotedFilterValues(boolean on) {
      unquotedFilterValues = on;
      return this;
    }

    /** See {@link Tolerance#filteredPathCreatesValue()}. */
    public Builder filteredPathCreatesValue(boolean on) {
      filteredPathCreatesValue = on;
      return this;
    }

    /** See {@link Tolerance#nonCanonicalValues()}. */
    public Builder nonCanonicalValues(boolean on) {
      nonCanonicalValues = on;
      return this;
    }

    /** The settings. */
    public Tolerance build() {
      return new Tolerance(stringBooleans, anyCaseOperations, nullAsAbsent, ignoreUnknownSchemas,
          ignoreUnknownAttributes, complexFromSimpleValue, coerceStringValues, flexibleCardinality, dottedKeys,
          unquotedFilterValues, filteredPathCreatesValue, nonCanonicalValues);
    }
  }
}
