package dev.scimsync.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * A resource type (RFC 7643 §6): its name, endpoint, core schema and extensions.
 *
 * @param id the id, usually equal to the name
 * @param name the name, e.g. {@code User}
 * @param endpoint the endpoint relative to the base URL, e.g. {@code /Users}
 * @param description a description, possibly empty
 * @param schema the core schema URN
 * @param extensions the schema extensions
 */
public record ResourceType(String id, String name, String endpoint, String description, String schema,
    List<SchemaExtension> extensions) {

  /** Validates the parts and copies the extension list. */
  public ResourceType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(schema, "schema");
    id = id == null ? name : id;
    description = description == null ? "" : description;
    extensions = List.copyOf(extensions);
    if (!endpoint.startsWith("/") || endpoint.length() < 2 || endpoint.indexOf('/', 1) >= 0) {
      throw new IllegalArgumentException("endpoint must look like /Name: " + endpoint);
    }
  }

  /** A resource type with the id equal to the name and no description. */
  public static ResourceType of(String name, String endpoint, String schema, SchemaExtension... extensions) {
    return new ResourceType(name, name, endpoint, "", schema, List.of(extensions));
  }
}
