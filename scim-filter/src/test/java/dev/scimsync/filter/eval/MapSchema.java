package dev.scimsync.filter.eval;

import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.schema.AttributeInfo;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.schema.FilterSchema;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A small {@link FilterSchema} for tests: attribute paths mapped to {@link AttributeInfo}, plus the
 * extension that owns an unqualified name. Paths are written as in filters ({@code name.givenName},
 * {@code urn:...:User:employeeNumber}); an unqualified path also answers qualified look-ups.
 */
public final class MapSchema implements FilterSchema {

  private final Map<String, AttributeInfo> attributes = new HashMap<>();
  private final Map<String, String> extensionOf = new HashMap<>();

  public static MapSchema create() {
    return new MapSchema();
  }

  public MapSchema attr(String path, AttributeType type) {
    return attr(path, type, false, false);
  }

  public MapSchema attr(String path, AttributeType type, boolean multiValued, boolean caseExact) {
    attributes.put(AttributePath.parse(path).key(), new AttributeInfo(type, multiValued, caseExact));
    return this;
  }

  /** Declares that the unqualified {@code name} lives in {@code extensionUrn}. */
  public MapSchema extension(String name, String extensionUrn) {
    extensionOf.put(name.toLowerCase(Locale.ROOT), extensionUrn);
    return this;
  }

  @Override
  public AttributeInfo attribute(String schemaUri, String name, String subAttribute) {
    AttributePath p = new AttributePath(schemaUri, name, subAttribute);
    AttributeInfo info = attributes.get(p.key());
    if (info == null && schemaUri != null) {
      info = attributes.get(p.withoutSchema().key());
    }
    if (info == null && schemaUri == null && extensionOf(name) != null) {
      // unqualified: the resource's extensions are searched as well (FilterSchema#attribute)
      info = attributes.get(new AttributePath(extensionOf(name), name, subAttribute).key());
    }
    return info;
  }

  @Override
  public String extensionOf(String name) {
    return extensionOf.get(name.toLowerCase(Locale.ROOT));
  }
}
