package dev.scimsync.server.internal;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.message.ListResponse;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.CoreSchemas;
import dev.scimsync.core.schema.ResourceType;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.core.schema.SchemaJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.schema.Uniqueness;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** The discovery endpoints of RFC 7644 §4: ServiceProviderConfig, ResourceTypes and Schemas. */
public final class Discovery {

  private final SchemaRegistry registry;
  private final List<ResourceType> served;
  private final ServerOptions options;
  private final boolean cursors;
  private final List<Schema> published;
  private final List<String> securityEventUris;

  /**
   * Discovery for the resource types in {@code served}.
   *
   * @param unique per resource type name, the attributes its store keeps unique ({@link
   *     dev.scimsync.server.store.ResourceStore#uniqueAttributes()}), published as {@code
   *     uniqueness: server}
   * @param securityEventUris the SET event URIs advertised in {@code securityEvents} (RFC 9967
   *     §4); none: the attribute is left out
   */
  public Discovery(SchemaRegistry registry, List<ResourceType> served, ServerOptions options, boolean cursors,
      Map<String, Set<String>> unique, List<String> securityEventUris) {
    this.securityEventUris = List.copyOf(securityEventUris);
    this.registry = registry;
    this.served = List.copyOf(served);
    this.options = options;
    this.cursors = cursors;
    this.published = publishedSchemas(unique);
  }

  /** GET /ServiceProviderConfig. */
  public ScimResponse serviceProviderConfig(String baseUrl) {
    ObjectNode o = dev.scimsync.core.json.ScimJson.object();
    o.putArray("schemas").add(CoreSchemas.SERVICE_PROVIDER_CONFIG_URN);
    o.putObject("patch").put("supported", true);
    o.putObject("bulk").put("supported", true).put("maxOperations", options.maxBulkOperations())
        .put("maxPayloadSize", options.maxBulkPayloadBytes());
    o.putObject("filter").put("supported", true).put("maxResults", options.maxPageSize());
    o.putObject("changePassword").put("supported", true);
    o.putObject("sort").put("supported", true);
    o.putObject("etag").put("supported", true);
    // RFC 9865 §5
    ObjectNode pagination = o.putObject("pagination");
    pagination.put("cursor", cursors).put("index", true).put("defaultPaginationMethod", "index")
        .put("defaultPageSize", options.defaultPageSize()).put("maxPageSize", options.maxPageSize())
        .put("cursorTimeout", options.cursorTimeout().toSeconds());
    ObjectNode scheme = o.putArray("authenticationSchemes").addObject();
    scheme.put("type", "oauthbearertoken").put("name", "OAuth Bearer Token")
        .put("description", "Authentication with a bearer token in the Authorization header")
        .put("specUri", "https://www.rfc-editor.org/info/rfc6750").put("primary", true);
    if (!securityEventUris.isEmpty()) {
      // RFC 9967 §4: absent means no Security Events; this server answers every request synchronously
      ObjectNode events = o.putObject("securityEvents");
      events.put("asyncRequest", "none");
      securityEventUris.forEach(events.putArray("eventUris")::add);
    }
    o.putObject("meta").put("resourceType", "ServiceProviderConfig")
        .put("location", baseUrl + "/ServiceProviderConfig");
    return Responses.json(200, o);
  }

  /** GET /ResourceTypes. */
  public ScimResponse resourceTypes(String baseUrl) {
    List<ObjectNode> list = new ArrayList<>();
    for (ResourceType t : served) {
      list.add(SchemaJson.write(t, baseUrl + "/ResourceTypes/" + t.name()));
    }
    return Responses.json(200, ListResponse.of(list.size(), 1, list).toJson());
  }

  /** GET /ResourceTypes/{name}. */
  public ScimResponse resourceType(String baseUrl, String name) {
    for (ResourceType t : served) {
      if (t.name().equalsIgnoreCase(name) || t.id().equalsIgnoreCase(name)) {
        return Responses.json(200, SchemaJson.write(t, baseUrl + "/ResourceTypes/" + t.name()));
      }
    }
    throw ScimException.notFound("resource type " + name + " not found");
  }

  /** GET /Schemas: the schemas of the served types. */
  public ScimResponse schemas(String baseUrl) {
    List<ObjectNode> list = new ArrayList<>();
    for (Schema s : servedSchemas()) {
      list.add(SchemaJson.write(s, baseUrl + "/Schemas/" + s.id()));
    }
    return Responses.json(200, ListResponse.of(list.size(), 1, list).toJson());
  }

  /** GET /Schemas/{id}. */
  public ScimResponse schema(String baseUrl, String id) {
    for (Schema s : servedSchemas()) {
      if (s.id().equalsIgnoreCase(id)) {
        return Responses.json(200, SchemaJson.write(s, baseUrl + "/Schemas/" + s.id()));
      }
    }
    throw ScimException.notFound("schema " + id + " not found");
  }

  private List<Schema> servedSchemas() {
    return published;
  }

  /**
   * The schemas of the served types as enforced: an attribute the store keeps unique says {@code
   * uniqueness: server} (and {@code externalId}, a common attribute RFC 7643 §3.1 leaves out of
   * schemas, is listed when the store keeps it unique); then the ServiceProviderConfig,
   * ResourceType and Schema schemas (RFC 7643 §5–7).
   */
  private List<Schema> publishedSchemas(Map<String, Set<String>> unique) {
    List<Schema> out = new ArrayList<>();
    for (ResourceType t : served) {
      Set<String> u = unique.getOrDefault(t.name(), Set.of());
      Schema core = registry.schema(t.schema());
      add(out, core == null ? null : enforced(core, u));
      t.extensions().forEach(e -> add(out, registry.schema(e.schema())));
    }
    add(out, CoreSchemas.SERVICE_PROVIDER_CONFIG);
    add(out, CoreSchemas.RESOURCE_TYPE);
    add(out, CoreSchemas.SCHEMA);
    return List.copyOf(out);
  }

  private static Schema enforced(Schema s, Set<String> unique) {
    if (unique.isEmpty()) {
      return s;
    }
    List<AttributeDefinition> attrs = new ArrayList<>();
    boolean hasExternalId = false;
    for (AttributeDefinition a : s.attributes()) {
      hasExternalId |= a.name().equalsIgnoreCase("externalId");
      attrs.add(contains(unique, a.name()) && a.uniqueness() == Uniqueness.NONE
          ? a.toBuilder().uniqueness(Uniqueness.SERVER).build() : a);
    }
    if (!hasExternalId && contains(unique, "externalId")) {
      attrs.add(CoreSchemas.EXTERNAL_ID.toBuilder().uniqueness(Uniqueness.SERVER).build());
    }
    return new Schema(s.id(), s.name(), s.description(), attrs);
  }

  private static boolean contains(Set<String> names, String name) {
    return names.stream().anyMatch(name::equalsIgnoreCase);
  }

  private static void add(List<Schema> out, Schema s) {
    if (s != null && !out.contains(s)) {
      out.add(s);
    }
  }
}
