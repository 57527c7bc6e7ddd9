package dev.scimsync.core.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The schemas and resource types a service provider knows. Immutable; build with {@link
 * #builder()}, or start from {@link #standard()} and add custom schemas and resource types.
 */
public final class SchemaRegistry {

  private final Map<String, Schema> schemas;
  private final Map<String, ResourceType> typesByName;
  private final Map<String, ResourceSchema> resourceSchemas;
  private final Map<String, ResourceSchema> byEndpoint;

  private SchemaRegistry(Builder b) {
    this.schemas = Collections.unmodifiableMap(new LinkedHashMap<>(b.schemas));
    Map<String, ResourceType> types = new LinkedHashMap<>();
    Map<String, ResourceSchema> resolved = new LinkedHashMap<>();
    Map<String, ResourceSchema> endpoints = new LinkedHashMap<>();
    for (ResourceType t : b.types) {
      String key = t.name().toLowerCase(Locale.ROOT);
      if (types.put(key, t) != null) {
        throw new IllegalArgumentException("duplicate resource type " + t.name());
      }
      Schema core = schema(t.schema());
      if (core == null) {
        throw new IllegalArgumentException("resource type " + t.name() + " refers to unknown schema " + t.schema());
      }
      List<Schema> exts = new ArrayList<>();
      for (SchemaExtension e : t.extensions()) {
        Schema s = schema(e.schema());
        if (s == null) {
          throw new IllegalArgumentException("resource type " + t.name() + " refers to unknown extension " + e.schema());
        }
        exts.add(s);
      }
      ResourceSchema rs = new ResourceSchema(t, core, exts);
      resolved.put(key, rs);
      if (endpoints.put(t.endpoint().toLowerCase(Locale.ROOT), rs) != null) {
        throw new IllegalArgumentException("two resource types share endpoint " + t.endpoint());
      }
    }
    this.typesByName = Collections.unmodifiableMap(types);
    this.resourceSchemas = Collections.unmodifiableMap(resolved);
    this.byEndpoint = Collections.unmodifiableMap(endpoints);
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The RFC 7643 registry: User (with the optional Enterprise User extension) and Group, plus the
   * discovery schemas.
   */
  public static SchemaRegistry standard() {
    return standardBuilder().build();
  }

  /** A builder preloaded with {@link #standard()}'s contents, to add custom schemas and types to. */
  public static Builder standardBuilder() {
    return builder()
        .schema(CoreSchemas.USER).schema(CoreSchemas.ENTERPRISE_USER).schema(CoreSchemas.GROUP)
        .schema(CoreSchemas.SERVICE_PROVIDER_CONFIG).schema(CoreSchemas.RESOURCE_TYPE).schema(CoreSchemas.SCHEMA)
        .resourceType(CoreSchemas.USER_TYPE).resourceType(CoreSchemas.GROUP_TYPE);
  }

  /** The schema with URN {@code urn} in any case, or null. */
  public @Nullable Schema schema(String urn) {
    return schemas.get(urn.toLowerCase(Locale.ROOT));
  }

  /** All schemas, in registration order. */
  public List<Schema> schemas() {
    return List.copyOf(schemas.values());
  }

  /** All resource types, in registration order. */
  public List<ResourceType> resourceTypes() {
    return List.copyOf(typesByName.values());
  }

  /** The resolved schema of the resource type called {@code name} in any case, or null. */
  public @Nullable ResourceSchema resourceSchema(String name) {
    return resourceSchemas.get(name.toLowerCase(Locale.ROOT));
  }

  /** The resolved schema of the resource type served at {@code endpoint} (e.g. {@code /Users}), or null. */
  public @Nullable ResourceSchema byEndpoint(String endpoint) {
    return byEndpoint.get(endpoint.toLowerCase(Locale.ROOT));
  }

  /** All resolved resource schemas. */
  public List<ResourceSchema> resourceSchemas() {
    return List.copyOf(resourceSchemas.values());
  }

  /** Builds a {@link SchemaRegistry}. */
  public static final class Builder {
    private final Map<String, Schema> schemas = new LinkedHashMap<>();
    private final List<ResourceType> types = new ArrayList<>();

    private Builder() {}

    /** Adds or replaces a schema. */
    public Builder schema(Schema schema) {
      schemas.put(schema.id().toLowerCase(Locale.ROOT), schema);
      return this;
    }

    /** Adds a resource type; its schemas must be added too, before or after. */
    public Builder resourceType(ResourceType type) {
      types.removeIf(t -> t.name().equalsIgnoreCase(type.name()));
      types.add(type);
      return this;
    }

    /** The registry; checks that every resource type's schemas are present. */
    public SchemaRegistry build() {
      return new SchemaRegistry(this);
    }
  }
}
