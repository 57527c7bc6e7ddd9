package dev.scimsync.core.schema;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A schema (RFC 7643 §7): a URN id, a name, a description and the attribute definitions. Immutable.
 * Attributes are looked up in any case.
 */
public final class Schema {

  private final String id;
  private final String name;
  private final String description;
  private final List<AttributeDefinition> attributes;
  private final Map<String, AttributeDefinition> byLowerName;
  /** By the name as defined: most look-ups spell it so, and need not lower-case it first. */
  private final Map<String, AttributeDefinition> byName;

  /** A schema; attribute names must be unique ignoring case; a null name or description means none. */
  public Schema(String id, @Nullable String name, @Nullable String description, List<AttributeDefinition> attributes) {
    this.id = Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a schema needs an id");
    }
    this.name = name == null ? "" : name;
    this.description = description == null ? "" : description;
    this.attributes = List.copyOf(attributes);
    Map<String, AttributeDefinition> m = new LinkedHashMap<>();
    for (AttributeDefinition a : this.attributes) {
      if (m.put(a.name().toLowerCase(Locale.ROOT), a) != null) {
        throw new IllegalArgumentException("duplicate attribute '" + a.name() + "' in schema " + id);
      }
    }
    this.byLowerName = Collections.unmodifiableMap(m);
    Map<String, AttributeDefinition> exact = new HashMap<>();
    for (AttributeDefinition a : this.attributes) {
      exact.put(a.name(), a);
    }
    this.byName = exact;
  }

  /** The schema URN, e.g. {@code urn:ietf:params:scim:schemas:core:2.0:User}. */
  public String id() {
    return id;
  }

  /** The human-readable name. */
  public String name() {
    return name;
  }

  /** The description. */
  public String description() {
    return description;
  }

  /** The attributes in definition order. */
  public List<AttributeDefinition> attributes() {
    return attributes;
  }

  /** The attribute called {@code name} in any case, or null. */
  public @Nullable AttributeDefinition attribute(String name) {
    // names are unique in any case, so the one spelled exactly is the one the lower-case map gives
    AttributeDefinition a = byName.get(name);
    return a != null ? a : byLowerName.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Schema s && id.equals(s.id) && name.equals(s.name) && description.equals(s.description)
        && attributes.equals(s.attributes);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Schema[" + id + "]";
  }
}
