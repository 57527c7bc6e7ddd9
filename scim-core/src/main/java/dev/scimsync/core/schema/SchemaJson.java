package dev.scimsync.core.schema;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.filter.schema.AttributeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts schemas and resource types to and from their JSON representation (RFC 7643 §6, §7),
 * so that custom schemas can be loaded from the same documents {@code /Schemas} serves.
 */
public final class SchemaJson {

  private SchemaJson() {}

  /** Reads a schema document; characteristics left out take the RFC 7643 §2.2 defaults. */
  public static Schema readSchema(@Nullable JsonNode json) {
    if (json == null || !json.isObject()) {
      throw ScimException.invalidSyntax("a schema must be a JSON object");
    }
    String id = optionalText(json, "id");
    if (id == null || id.isBlank()) {
      throw ScimException.invalidValue("a schema needs an \"id\"");
    }
    List<AttributeDefinition> attrs = new ArrayList<>();
    JsonNode list = json.get("attributes");
    if (list != null && list.isArray()) {
      for (JsonNode a : list) {
        attrs.add(readAttribute(a, id, true));
      }
    }
    try {
      return new Schema(id, text(json, "name", ""), text(json, "description", ""), attrs);
    } catch (IllegalArgumentException e) {
      throw invalid(e);
    }
  }

  /** Reads a schema from JSON text. */
  public static Schema readSchema(String json) {
    return readSchema(ScimJson.parse(json));
  }

  private static AttributeDefinition readAttribute(JsonNode a, String schemaId, boolean topLevel) {
    if (!a.isObject()) {
      throw ScimException.invalidValue("attribute definitions in " + schemaId + " must be objects");
    }
    String name = optionalText(a, "name");
    if (name == null) {
      throw ScimException.invalidValue("an attribute in " + schemaId + " has no \"name\"");
    }
    String typeName = text(a, "type", "string");
    AttributeType type = AttributeType.fromWireName(typeName);
    if (type == null) {
      throw ScimException.invalidValue("attribute '" + name + "' in " + schemaId + " has unknown type '" + typeName + "'");
    }
    try {
      AttributeDefinition.Builder b = AttributeDefinition.builder(name, type)
          .multiValued(bool(a, "multiValued"))
          .description(text(a, "description", ""))
          .required(bool(a, "required"))
          .caseExact(bool(a, "caseExact"))
          .canonicalValues(strings(a, "canonicalValues"))
          .referenceTypes(strings(a, "referenceTypes"));
      String m = optionalText(a, "mutability");
      if (m != null) {
        b.mutability(enumValue(Mutability.fromWireName(m), "mutability", m, name));
      }
      String r = optionalText(a, "returned");
      if (r != null) {
        b.returned(enumValue(Returned.fromWireName(r), "returned", r, name));
      }
      String u = optionalText(a, "uniqueness");
      if (u != null) {
        b.uniqueness(enumValue(Uniqueness.fromWireName(u), "uniqueness", u, name));
      }
      JsonNode subs = a.get("subAttributes");
      if (subs != null && subs.isArray() && type == AttributeType.COMPLEX) {
        if (!topLevel) {
          throw ScimException.invalidValue("sub-attribute '" + name + "' in " + schemaId + " cannot have sub-attributes");
        }
        List<AttributeDefinition> list = new ArrayList<>();
        for (JsonNode s : subs) {
          list.add(readAttribute(s, schemaId, false));
        }
        b.subAttributes(list);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw invalid(e);
    }
  }

  private static <E> E enumValue(@Nullable E value, String what, String given, String attr) {
    if (value == null) {
      throw ScimException.invalidValue("attribute '" + attr + "' has unknown " + what + " '" + given + "'");
    }
    return value;
  }

  /** The schema document for {@code schema}; {@code location} may be null. */
  public static ObjectNode write(Schema schema, @Nullable String location) {
    ObjectNode o = ScimJson.object();
    o.putArray("schemas").add(CoreSchemas.SCHEMA_URN);
    o.put("id", schema.id());
    o.put("name", schema.name());
    o.put("description", schema.description());
    ArrayNode attrs = o.putArray("attributes");
    for (AttributeDefinition a : schema.attributes()) {
      attrs.add(write(a));
    }
    ObjectNode meta = o.putObject("meta");
    meta.put("resourceType", "Schema");
    if (location != null) {
      meta.put("location", location);
    }
    return o;
  }

  private static ObjectNode write(AttributeDefinition a) {
    ObjectNode o = ScimJson.object();
    o.put("name", a.name());
    o.put("type", a.type().wireName());
    o.put("multiValued", a.multiValued());
    o.put("description", a.description());
    o.put("required", a.required());
    if (!a.canonicalValues().isEmpty()) {
      ArrayNode cv = o.putArray("canonicalValues");
      a.canonicalValues().forEach(cv::add);
    }
    if (a.type() == AttributeType.STRING || a.type() == AttributeType.REFERENCE || a.type() == AttributeType.BINARY) {
      o.put("caseExact", a.caseExact());
    }
    o.put("mutability", a.mutability().wireName());
    o.put("returned", a.returned().wireName());
    if (a.type() != AttributeType.COMPLEX) {
      o.put("uniqueness", a.uniqueness().wireName());
    }
    if (!a.referenceTypes().isEmpty()) {
      ArrayNode rt = o.putArray("referenceTypes");
      a.referenceTypes().forEach(rt::add);
    }
    if (a.isComplex()) {
      ArrayNode subs = o.putArray("subAttributes");
      for (AttributeDefinition s : a.subAttributes()) {
        subs.add(write(s));
      }
    }
    return o;
  }

  /** The ResourceType document for {@code type}; {@code location} may be null. */
  public static ObjectNode write(ResourceType type, @Nullable String location) {
    ObjectNode o = ScimJson.object();
    o.putArray("schemas").add(CoreSchemas.RESOURCE_TYPE_URN);
    o.put("id", type.id());
    o.put("name", type.name());
    o.put("endpoint", type.endpoint());
    o.put("description", type.description());
    o.put("schema", type.schema());
    ArrayNode exts = o.putArray("schemaExtensions");
    for (SchemaExtension e : type.extensions()) {
      exts.addObject().put("schema", e.schema()).put("required", e.required());
    }
    ObjectNode meta = o.putObject("meta");
    meta.put("resourceType", "ResourceType");
    if (location != null) {
      meta.put("location", location);
    }
    return o;
  }

  /** Reads a ResourceType document. */
  public static ResourceType readResourceType(@Nullable JsonNode json) {
    if (json == null || !json.isObject()) {
      throw ScimException.invalidSyntax("a resource type must be a JSON object");
    }
    String name = optionalText(json, "name");
    String endpoint = optionalText(json, "endpoint");
    String schema = optionalText(json, "schema");
    if (name == null || endpoint == null || schema == null) {
      throw ScimException.invalidValue("a resource type needs \"name\", \"endpoint\" and \"schema\"");
    }
    List<SchemaExtension> exts = new ArrayList<>();
    JsonNode list = json.get("schemaExtensions");
    if (list != null && list.isArray()) {
      for (JsonNode e : list) {
        String s = optionalText(e, "schema");
        if (s == null) {
          throw ScimException.invalidValue("a schema extension of " + name + " has no \"schema\"");
        }
        exts.add(new SchemaExtension(s, bool(e, "required")));
      }
    }
    try {
      return new ResourceType(text(json, "id", name), name, endpoint, text(json, "description", ""), schema, exts);
    } catch (IllegalArgumentException e) {
      throw invalid(e);
    }
  }

  private static String text(JsonNode n, String field, String dflt) {
    String v = optionalText(n, field);
    return v != null ? v : dflt;
  }

  private static @Nullable String optionalText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isString() ? v.stringValue() : null;
  }

  /** The model's constructors reject bad definitions with an IllegalArgumentException that always explains. */
  private static ScimException invalid(IllegalArgumentException e) {
    return ScimException.invalidValue(Objects.requireNonNull(e.getMessage(), "the model's checks always explain"));
  }

  private static boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && (v.isBoolean() ? v.booleanValue() : v.isString() && v.stringValue().equalsIgnoreCase("true"));
  }

  private static List<String> strings(JsonNode n, String field) {
    List<String> out = new ArrayList<>();
    JsonNode v = n.get(field);
    if (v != null && v.isArray()) {
      for (JsonNode e : v) {
        if (e.isString()) {
          out.add(e.stringValue());
        }
      }
    }
    return out;
  }
}
