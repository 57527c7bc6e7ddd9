package dev.scimsync.core.schema;

import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.schema.AttributeInfo;
import dev.scimsync.filter.schema.FilterSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A resource type together with its core schema and extension schemas: everything needed to
 * resolve an attribute path of one kind of resource. Immutable. It is also the {@link
 * FilterSchema} that filter evaluation and SQL translation use for this type.
 */
public final class ResourceSchema implements FilterSchema {

  private final ResourceType resourceType;
  private final Schema core;
  private final Map<String, Schema> extensionsByLowerUrn;
  private final List<Schema> extensions;
  private final Map<String, Schema> unqualifiedExtensionAttributes;

  /**
   * @param resourceType the type
   * @param core its core schema, whose id must equal {@code resourceType.schema()}
   * @param extensions the schemas of its extensions, in the order of {@code resourceType.extensions()}
   */
  public ResourceSchema(ResourceType resourceType, Schema core, List<Schema> extensions) {
    this.resourceType = Objects.requireNonNull(resourceType, "resourceType");
    this.core = Objects.requireNonNull(core, "core");
    if (!core.id().equals(resourceType.schema())) {
      throw new IllegalArgumentException("resource type " + resourceType.name() + " has schema "
          + resourceType.schema() + ", not " + core.id());
    }
    Map<String, Schema> byUrn = new LinkedHashMap<>();
    for (Schema s : extensions) {
      byUrn.put(s.id().toLowerCase(Locale.ROOT), s);
    }
    for (SchemaExtension e : resourceType.extensions()) {
      if (!byUrn.containsKey(e.schema().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("no schema given for extension " + e.schema());
      }
    }
    this.extensionsByLowerUrn = Collections.unmodifiableMap(byUrn);
    this.extensions = List.copyOf(byUrn.values());
    // An extension attribute may be named without its URN when the core schema lacks the name and
    // only one extension defines it.
    Map<String, Schema> unqualified = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (Schema s : this.extensions) {
      for (AttributeDefinition a : s.attributes()) {
        String key = a.name().toLowerCase(Locale.ROOT);
        if (core.attribute(key) == null && common(key) == null) {
          counts.merge(key, 1, Integer::sum);
          unqualified.put(key, s);
        }
      }
    }
    counts.forEach((k, n) -> {
      if (n > 1) {
        unqualified.remove(k);
      }
    });
    this.unqualifiedExtensionAttributes = Map.copyOf(unqualified);
  }

  /** The resource type. */
  public ResourceType resourceType() {
    return resourceType;
  }

  /** The core schema. */
  public Schema core() {
    return core;
  }

  /** The extension schemas. */
  public List<Schema> extensions() {
    return extensions;
  }

  /** The extension schema with URN {@code urn} in any case, or null. */
  public @Nullable Schema extension(String urn) {
    return extensionsByLowerUrn.get(urn.toLowerCase(Locale.ROOT));
  }

  /** Whether the extension {@code urn} is required on every resource of this type. */
  public boolean isRequiredExtension(String urn) {
    for (SchemaExtension e : resourceType.extensions()) {
      if (e.schema().equalsIgnoreCase(urn)) {
        return e.required();
      }
    }
    return false;
  }

  /** True when {@code urn} names this type's core schema, in any case. */
  public boolean isCoreUrn(String urn) {
    return core.id().equalsIgnoreCase(urn);
  }

  /** The URNs of the core schema and all extensions. */
  public List<String> schemaUrns() {
    List<String> urns = new ArrayList<>(1 + extensions.size());
    urns.add(core.id());
    for (Schema s : extensions) {
      urns.add(s.id());
    }
    return urns;
  }

  /** The common attribute ({@code id}, {@code externalId}, {@code meta}) called {@code name}, or null. */
  public static @Nullable AttributeDefinition common(String name) {
    for (AttributeDefinition a : CoreSchemas.COMMON_ATTRIBUTES) {
      if (a.name().equalsIgnoreCase(name)) {
        return a;
      }
    }
    return null;
  }

  /**
   * The top-level attribute {@code name} of schema {@code schemaUri}, or, when {@code schemaUri}
   * is null, of the core schema (including the common attributes) or the one extension that alone
   * defines it. Returns null when there is none.
   */
  public @Nullable ResolvedAttribute resolve(@Nullable String schemaUri, String name) {
    if (schemaUri == null || isCoreUrn(schemaUri)) {
      AttributeDefinition a = core.attribute(name);
      if (a == null) {
        a = common(name);
      }
      if (a != null) {
        return new ResolvedAttribute(core.id(), false, a, null);
      }
      if (schemaUri != null) {
        return null;
      }
      Schema ext = unqualifiedExtensionAttributes.get(name.toLowerCase(Locale.ROOT));
      return ext == null ? null : new ResolvedAttribute(ext.id(), true,
          Objects.requireNonNull(ext.attribute(name), "indexed under its own attribute names"), null);
    }
    Schema ext = extension(schemaUri);
    if (ext == null) {
      return null;
    }
    AttributeDefinition a = ext.attribute(name);
    return a == null ? null : new ResolvedAttribute(ext.id(), true, a, null);
  }

  /** The attribute and sub-attribute {@code path} names, or null when this type has no such attribute. */
  public @Nullable ResolvedAttribute resolve(AttributePath path) {
    ResolvedAttribute top = resolve(path.schema(), path.name());
    if (top == null || path.subAttribute() == null) {
      return top;
    }
    AttributeDefinition sub = top.attribute().subAttribute(path.subAttribute());
    return sub == null ? null : new ResolvedAttribute(top.schemaUri(), top.extension(), top.attribute(), sub);
  }

  /**
   * When {@code path} names a whole extension, e.g. {@code
   * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User} (which the path grammar reads as
   * schema {@code ...:2.0} and attribute {@code User}), that extension's schema; otherwise null.
   */
  public @Nullable Schema extensionNamedBy(AttributePath path) {
    if (path.schema() == null || path.subAttribute() != null) {
      return null;
    }
    return extension(path.schema() + ":" + path.name());
  }

  // ---- FilterSchema ----

  @Override
  public @Nullable AttributeInfo attribute(@Nullable String schemaUri, String name, @Nullable String subAttribute) {
    ResolvedAttribute r = resolve(schemaUri, name);
    if (r == null) {
      return null;
    }
    if (subAttribute == null) {
      return r.attribute().info();
    }
    AttributeDefinition sub = r.attribute().subAttribute(subAttribute);
    return sub == null ? null : sub.info();
  }

  @Override
  public boolean isExtension(String schemaUri) {
    return !isCoreUrn(schemaUri);
  }

  @Override
  public @Nullable String extensionOf(String name) {
    Schema s = unqualifiedExtensionAttributes.get(name.toLowerCase(Locale.ROOT));
    return s == null ? null : s.id();
  }

  @Override
  public String toString() {
    return "ResourceSchema[" + resourceType.name() + "]";
  }
}
