package dev.scimsync.core.schema;

import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.schema.AttributeInfo;
import dev.scimsync.filter.schema.AttributeType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The definition of one attribute (RFC 7643 §7): its type, plurality, mutability, returned
 * behaviour, uniqueness and, for complex attributes, its sub-attributes. Immutable; build with
 * {@link #builder(String, AttributeType)}. Sub-attributes are looked up in any case.
 */
public final class AttributeDefinition {

  private final String name;
  private final AttributeType type;
  private final boolean multiValued;
  private final String description;
  private final boolean required;
  private final List<String> canonicalValues;
  private final boolean caseExact;
  private final Mutability mutability;
  private final Returned returned;
  private final Uniqueness uniqueness;
  private final List<String> referenceTypes;
  private final List<AttributeDefinition> subAttributes;
  private final Map<String, AttributeDefinition> subByLowerName;
  private final AttributeInfo info;

  private AttributeDefinition(Builder b) {
    if (!AttributePath.isAttributeName(b.name)) {
      throw new IllegalArgumentException("invalid attribute name '" + b.name + "'");
    }
    this.name = b.name;
    this.type = b.type;
    this.multiValued = b.multiValued;
    this.description = b.description;
    this.required = b.required;
    this.canonicalValues = List.copyOf(b.canonicalValues);
    this.caseExact = b.caseExact;
    this.mutability = b.mutability;
    this.returned = b.returned;
    this.uniqueness = b.uniqueness;
    this.referenceTypes = List.copyOf(b.referenceTypes);
    this.subAttributes = List.copyOf(b.subAttributes);
    if (type != AttributeType.COMPLEX && !subAttributes.isEmpty()) {
      throw new IllegalArgumentException("attribute '" + name + "' is " + type.wireName() + " and cannot have sub-attributes");
    }
    Map<String, AttributeDefinition> byName = new LinkedHashMap<>();
    for (AttributeDefinition sub : subAttributes) {
      if (sub.type == AttributeType.COMPLEX) {
        throw new IllegalArgumentException("sub-attribute '" + name + "." + sub.name + "' cannot be complex");
      }
      if (byName.put(sub.name.toLowerCase(Locale.ROOT), sub) != null) {
        throw new IllegalArgumentException("duplicate sub-attribute '" + name + "." + sub.name + "'");
      }
    }
    this.subByLowerName = Collections.unmodifiableMap(byName);
    this.info = new AttributeInfo(type, multiValued, caseExact);
  }

  /** A builder with RFC 7643 §2.2 defaults: single-valued, optional, readWrite, returned default, not unique, not case-exact. */
  public static Builder builder(String name, AttributeType type) {
    return new Builder(name, type);
  }

  /** A builder initialised from this definition. */
  public Builder toBuilder() {
    Builder b = new Builder(name, type);
    b.multiValued = multiValued;
    b.description = description;
    b.required = required;
    b.canonicalValues = new ArrayList<>(canonicalValues);
    b.caseExact = caseExact;
    b.mutability = mutability;
    b.returned = returned;
    b.uniqueness = uniqueness;
    b.referenceTypes = new ArrayList<>(referenceTypes);
    b.subAttributes = new ArrayList<>(subAttributes);
    return b;
  }

  /** The attribute name in its canonical case. */
  public String name() {
    return name;
  }

  /** The data type. */
  public AttributeType type() {
    return type;
  }

  /** Whether the attribute holds a list of values. */
  public boolean multiValued() {
    return multiValued;
  }

  /** A human-readable description, possibly empty. */
  public String description() {
    return description;
  }

  /** Whether a resource must have this attribute. */
  public boolean required() {
    return required;
  }

  /** Suggested values, e.g. {@code work, home}; empty when any value goes. */
  public List<String> canonicalValues() {
    return canonicalValues;
  }

  /** Whether string comparison respects case. */
  public boolean caseExact() {
    return caseExact;
  }

  /** When the attribute may be written. */
  public Mutability mutability() {
    return mutability;
  }

  /** When the attribute is returned. */
  public Returned returned() {
    return returned;
  }

  /** How unique values must be. */
  public Uniqueness uniqueness() {
    return uniqueness;
  }

  /** For references: the resource types or {@code external}/{@code uri} referred to. */
  public List<String> referenceTypes() {
    return referenceTypes;
  }

  /** The sub-attributes of a complex attribute, in definition order. */
  public List<AttributeDefinition> subAttributes() {
    return subAttributes;
  }

  /** The sub-attribute called {@code name} in any case, or null. */
  public @Nullable AttributeDefinition subAttribute(String name) {
    // names are unique in any case, so the one spelled exactly is the one the map would give; a
    // few comparisons (usually of the same constant) cost less than lower-casing and hashing
    if (subAttributes.size() <= 8) {
      for (int i = 0, n = subAttributes.size(); i < n; i++) {
        AttributeDefinition sub = subAttributes.get(i);
        if (sub.name.equals(name)) {
          return sub;
        }
      }
    }
    return subByLowerName.get(name.toLowerCase(Locale.ROOT));
  }

  /** True for complex attributes. */
  public boolean isComplex() {
    return type == AttributeType.COMPLEX;
  }

  /** The facts the filter evaluator needs. */
  public AttributeInfo info() {
    return info;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AttributeDefinition a)) {
      return false;
    }
    return name.equals(a.name) && type == a.type && multiValued == a.multiValued && description.equals(a.description)
        && required == a.required && canonicalValues.equals(a.canonicalValues) && caseExact == a.caseExact
        && mutability == a.mutability && returned == a.returned && uniqueness == a.uniqueness
        && referenceTypes.equals(a.referenceTypes) && subAttributes.equals(a.subAttributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, multiValued, required, mutability, returned, subAttributes);
  }

  @Override
  public String toString() {
    return name + ":" + type.wireName() + (multiValued ? "[]" : "");
  }

  /** Builds an {@link AttributeDefinition}. */
  public static final class Builder {
    private final String name;
    private final AttributeType type;
    private boolean multiValued;
    private String description = "";
    private boolean required;
    private List<String> canonicalValues = new ArrayList<>();
    private boolean caseExact;
    private Mutability mutability = Mutability.READ_WRITE;
    private Returned returned = Returned.DEFAULT;
    private Uniqueness uniqueness = Uniqueness.NONE;
    private List<String> referenceTypes = new ArrayList<>();
    private List<AttributeDefinition> subAttributes = new ArrayList<>();

    private Builder(String name, AttributeType type) {
      this.name = Objects.requireNonNull(name, "name");
      this.type = Objects.requireNonNull(type, "type");
    }

    /** Marks the attribute multi-valued. */
    public Builder multiValued(boolean multiValued) {
      this.multiValued = multiValued;
      return this;
    }

    /** Shorthand for {@code multiValued(true)}. */
    public Builder multiValued() {
      return multiValued(true);
    }

    /** Sets the description; null means none. */
    public Builder description(@Nullable String description) {
      this.description = description == null ? "" : description;
      return this;
    }

    /** Marks the attribute required. */
    public Builder required(boolean required) {
      this.required = required;
      return this;
    }

    /** Shorthand for {@code required(true)}. */
    public Builder required() {
      return required(true);
    }

    /** Sets the canonical values. */
    public Builder canonicalValues(String... values) {
      this.canonicalValues = new ArrayList<>(List.of(values));
      return this;
    }

    /** Sets the canonical values. */
    public Builder canonicalValues(List<String> values) {
      this.canonicalValues = new ArrayList<>(values);
      return this;
    }

    /** Sets case-exactness. */
    public Builder caseExact(boolean caseExact) {
      this.caseExact = caseExact;
      return this;
    }

    /** Sets the mutability. */
    public Builder mutability(Mutability mutability) {
      this.mutability = Objects.requireNonNull(mutability);
      return this;
    }

    /** Sets when the attribute is returned. */
    public Builder returned(Returned returned) {
      this.returned = Objects.requireNonNull(returned);
      return this;
    }

    /** Sets the uniqueness. */
    public Builder uniqueness(Uniqueness uniqueness) {
      this.uniqueness = Objects.requireNonNull(uniqueness);
      return this;
    }

    /** Sets the reference types. */
    public Builder referenceTypes(String... types) {
      this.referenceTypes = new ArrayList<>(List.of(types));
      return this;
    }

    /** Sets the reference types. */
    public Builder referenceTypes(List<String> types) {
      this.referenceTypes = new ArrayList<>(types);
      return this;
    }

    /** Sets the sub-attributes of a complex attribute. */
    public Builder subAttributes(AttributeDefinition... subs) {
      this.subAttributes = new ArrayList<>(List.of(subs));
      return this;
    }

    /** Sets the sub-attributes of a complex attribute. */
    public Builder subAttributes(List<AttributeDefinition> subs) {
      this.subAttributes = new ArrayList<>(subs);
      return this;
    }

    /** The definition. */
    public AttributeDefinition build() {
      return new AttributeDefinition(this);
    }
  }
}
