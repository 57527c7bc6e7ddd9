package dev.scimsync.server.internal;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.schema.CoreSchemas;
import dev.scimsync.core.schema.SchemaRegistry;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Under every profile, a body whose {@code schemas} holds a URN this server knows but that belongs
 * to another resource type or message (a PATCH sent with the User schema, a Bulk request with the
 * PatchOp URN, a User with the Group schema) is refused with 400 {@code invalidValue}: no IdP
 * sends one, and accepting it hides a client bug. URNs the server does not know (Entra and
 * OneLogin send misspelt ones) are left to the profile.
 */
public final class MessageUrns {

  /** The SCIM message URNs of RFC 7644. */
  public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  public static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
  public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
  private static final Set<String> MESSAGES = Set.of(PATCH_OP, BULK_REQUEST, SEARCH_REQUEST,
      "urn:ietf:params:scim:api:messages:2.0:BulkResponse", "urn:ietf:params:scim:api:messages:2.0:ListResponse",
      "urn:ietf:params:scim:api:messages:2.0:Error");

  private MessageUrns() {}

  /**
   * Throws when {@code body}'s {@code schemas} names a URN known to {@code registry} or to RFC
   * 7644 that is not in {@code allowed}; what {@code what} is, for the message.
   */
  public static void check(SchemaRegistry registry, ObjectNode body, Collection<String> allowed, String what) {
    JsonNode schemas = schemasOf(body);
    if (schemas == null || !schemas.isArray()) {
      return;
    }
    for (JsonNode u : schemas) {
      if (!u.isString()) {
        continue;
      }
      String urn = u.stringValue();
      if (known(registry, urn) && allowed.stream().noneMatch(urn::equalsIgnoreCase)) {
        throw ScimException.invalidValue("\"schemas\" names " + urn + ", which is not the schema of " + what
            + " (expected " + String.join(", ", allowed) + ")");
      }
    }
  }

  private static boolean known(SchemaRegistry registry, String urn) {
    String lower = urn.toLowerCase(Locale.ROOT);
    return MESSAGES.stream().anyMatch(m -> m.toLowerCase(Locale.ROOT).equals(lower))
        || lower.equals(CoreSchemas.SERVICE_PROVIDER_CONFIG_URN.toLowerCase(Locale.ROOT))
        || lower.equals(CoreSchemas.RESOURCE_TYPE_URN.toLowerCase(Locale.ROOT))
        || lower.equals(CoreSchemas.SCHEMA_URN.toLowerCase(Locale.ROOT))
        || registry.schema(urn) != null;
  }

  private static JsonNode schemasOf(ObjectNode body) {
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (e.getKey().equalsIgnoreCase("schemas")) {
        return e.getValue();
      }
    }
    return null;
  }
}
