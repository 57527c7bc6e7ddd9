package dev.scimsync.core.schema;

import static dev.scimsync.filter.schema.AttributeType.BINARY;
import static dev.scimsync.filter.schema.AttributeType.BOOLEAN;
import static dev.scimsync.filter.schema.AttributeType.COMPLEX;
import static dev.scimsync.filter.schema.AttributeType.DATE_TIME;
import static dev.scimsync.filter.schema.AttributeType.INTEGER;
import static dev.scimsync.filter.schema.AttributeType.REFERENCE;
import static dev.scimsync.filter.schema.AttributeType.STRING;

import dev.scimsync.filter.schema.AttributeType;
import java.util.List;

/**
 * The schemas and resource types that RFC 7643 defines: User, Group, the Enterprise User
 * extension, and the discovery schemas ServiceProviderConfig, ResourceType and Schema, with the
 * attribute characteristics of RFC 7643 §8.7.
 */
public final class CoreSchemas {

  private CoreSchemas() {}

  /** {@code urn:ietf:params:scim:schemas:core:2.0:User} */
  public static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  /** {@code urn:ietf:params:scim:schemas:core:2.0:Group} */
  public static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
  /** {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User} */
  public static final String ENTERPRISE_USER_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  /** {@code urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig} */
  public static final String SERVICE_PROVIDER_CONFIG_URN = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
  /** {@code urn:ietf:params:scim:schemas:core:2.0:ResourceType} */
  public static final String RESOURCE_TYPE_URN = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
  /** {@code urn:ietf:params:scim:schemas:core:2.0:Schema} */
  public static final String SCHEMA_URN = "urn:ietf:params:scim:schemas:core:2.0:Schema";

  private static AttributeDefinition.Builder attr(String name, AttributeType type) {
    return AttributeDefinition.builder(name, type);
  }

  private static AttributeDefinition string(String name) {
    return attr(name, STRING).build();
  }

  private static AttributeDefinition bool(String name) {
    return attr(name, BOOLEAN).build();
  }

  private static AttributeDefinition readOnly(AttributeDefinition.Builder b) {
    return b.mutability(Mutability.READ_ONLY).build();
  }

  // ---- attributes common to every resource (RFC 7643 §3.1) ----

  /** {@code id}: assigned by the service provider, case-exact, always returned. */
  public static final AttributeDefinition ID = attr("id", STRING).caseExact(true)
      .mutability(Mutability.READ_ONLY).returned(Returned.ALWAYS).uniqueness(Uniqueness.SERVER)
      .description("Identifier assigned by the service provider.").build();

  /** {@code externalId}: the client's identifier, case-exact. */
  public static final AttributeDefinition EXTERNAL_ID = attr("externalId", STRING).caseExact(true)
      .description("Identifier assigned by the provisioning client.").build();

  /** {@code meta}: read-only resource metadata. */
  public static final AttributeDefinition META = attr("meta", COMPLEX).mutability(Mutability.READ_ONLY)
      .description("Resource metadata maintained by the service provider.")
      .subAttributes(
          readOnly(attr("resourceType", STRING).caseExact(true)),
          readOnly(attr("created", DATE_TIME)),
          readOnly(attr("lastModified", DATE_TIME)),
          readOnly(attr("location", REFERENCE).caseExact(true).referenceTypes("uri")),
          readOnly(attr("version", STRING).caseExact(true)))
      .build();

  /** The common attributes, in output order. */
  public static final List<AttributeDefinition> COMMON_ATTRIBUTES = List.of(ID, EXTERNAL_ID, META);

  // ---- User ----

  private static AttributeDefinition multiValue(String name, AttributeType valueType, String... types) {
    AttributeDefinition.Builder value = attr("value", valueType);
    if (valueType == REFERENCE) {
      value.referenceTypes("external");
    }
    return attr(name, COMPLEX).multiValued()
        .subAttributes(value.build(), string("display"), attr("type", STRING).canonicalValues(types).build(),
            bool("primary"))
        .build();
  }

  /** The core User schema (RFC 7643 §4.1). */
  public static final Schema USER = new Schema(USER_URN, "User", "User Account", List.of(
      attr("userName", STRING).required().uniqueness(Uniqueness.SERVER)
          .description("Unique identifier of the user, typically used to sign in.").build(),
      attr("name", COMPLEX).description("The components of the user's name.").subAttributes(
          string("formatted"), string("familyName"), string("givenName"), string("middleName"),
          string("honorificPrefix"), string("honorificSuffix")).build(),
      string("displayName"),
      string("nickName"),
      attr("profileUrl", REFERENCE).referenceTypes("external").build(),
      string("title"),
      string("userType"),
      string("preferredLanguage"),
      string("locale"),
      string("timezone"),
      bool("active"),
      attr("password", STRING).mutability(Mutability.WRITE_ONLY).returned(Returned.NEVER).build(),
      multiValue("emails", STRING, "work", "home", "other"),
      multiValue("phoneNumbers", STRING, "work", "home", "mobile", "fax", "pager", "other"),
      multiValue("ims", STRING, "aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"),
      multiValue("photos", REFERENCE, "photo", "thumbnail"),
      attr("addresses", COMPLEX).multiValued().subAttributes(
          string("formatted"), string("streetAddress"), string("locality"), string("region"),
          string("postalCode"), string("country"),
          attr("type", STRING).canonicalValues("work", "home", "other").build(), bool("primary")).build(),
      attr("groups", COMPLEX).multiValued().mutability(Mutability.READ_ONLY).subAttributes(
          readOnly(attr("value", STRING)),
          readOnly(attr("$ref", REFERENCE).referenceTypes("User", "Group")),
          readOnly(attr("display", STRING)),
          readOnly(attr("type", STRING).canonicalValues("direct", "indirect"))).build(),
      multiValue("entitlements", STRING),
      multiValue("roles", STRING),
      multiValue("x509Certificates", BINARY)));

  /** The core Group schema (RFC 7643 §4.2); {@code displayName} is required as §4.2 says. */
  public static final Schema GROUP = new Schema(GROUP_URN, "Group", "Group", List.of(
      attr("displayName", STRING).required().description("A human-readable name for the group.").build(),
      attr("members", COMPLEX).multiValued().description("The members of the group.").subAttributes(
          attr("value", STRING).caseExact(true).mutability(Mutability.IMMUTABLE).build(),
          attr("$ref", REFERENCE).referenceTypes("User", "Group").mutability(Mutability.IMMUTABLE).build(),
          attr("display", STRING).build(),
          attr("type", STRING).canonicalValues("User", "Group").mutability(Mutability.IMMUTABLE).build()).build()));

  /** The Enterprise User extension (RFC 7643 §4.3). */
  public static final Schema ENTERPRISE_USER = new Schema(ENTERPRISE_USER_URN, "EnterpriseUser", "Enterprise User",
      List.of(
          string("employeeNumber"),
          string("costCenter"),
          string("organization"),
          string("division"),
          string("department"),
          attr("manager", COMPLEX).subAttributes(
              string("value"),
              attr("$ref", REFERENCE).referenceTypes("User").build(),
              readOnly(attr("displayName", STRING))).build()));

  private static AttributeDefinition supported(String name, AttributeDefinition... more) {
    AttributeDefinition[] subs = new AttributeDefinition[more.length + 1];
    subs[0] = readOnly(attr("supported", BOOLEAN).required());
    System.arraycopy(more, 0, subs, 1, more.length);
    return attr(name, COMPLEX).required().mutability(Mutability.READ_ONLY).subAttributes(subs).build();
  }

  /** The ServiceProviderConfig schema (RFC 7643 §5, with RFC 9865's {@code pagination} and RFC 9967's {@code securityEvents}). */
  public static final Schema SERVICE_PROVIDER_CONFIG = new Schema(SERVICE_PROVIDER_CONFIG_URN,
      "Service Provider Configuration", "Schema for representing the service provider's configuration", List.of(
          readOnly(attr("documentationUri", REFERENCE).referenceTypes("external")),
          supported("patch"),
          supported("bulk", readOnly(attr("maxOperations", INTEGER).required()),
              readOnly(attr("maxPayloadSize", INTEGER).required())),
          supported("filter", readOnly(attr("maxResults", INTEGER).required())),
          supported("changePassword"),
          supported("sort"),
          supported("etag"),
          // RFC 9865 §5: which pagination methods the service offers
          attr("pagination", COMPLEX).mutability(Mutability.READ_ONLY).subAttributes(
              readOnly(attr("cursor", BOOLEAN)),
              readOnly(attr("index", BOOLEAN)),
              readOnly(attr("defaultPaginationMethod", STRING).canonicalValues("cursor", "index")),
              readOnly(attr("defaultPageSize", INTEGER)),
              readOnly(attr("maxPageSize", INTEGER)),
              readOnly(attr("cursorTimeout", INTEGER))).build(),
          // RFC 9967 §4: the Security Event Tokens the service issues; absent when it issues none
          attr("securityEvents", COMPLEX).mutability(Mutability.READ_ONLY).subAttributes(
              readOnly(attr("asyncRequest", STRING)),
              readOnly(attr("eventUris", REFERENCE).multiValued().caseExact(true).referenceTypes("uri"))).build(),
          attr("authenticationSchemes", COMPLEX).multiValued().required().mutability(Mutability.READ_ONLY)
              .subAttributes(
                  readOnly(attr("type", STRING).required()),
                  readOnly(attr("name", STRING).required()),
                  readOnly(attr("description", STRING).required()),
                  readOnly(attr("specUri", REFERENCE).referenceTypes("external")),
                  readOnly(attr("documentationUri", REFERENCE).referenceTypes("external")),
                  readOnly(attr("primary", BOOLEAN)))
              .build()));

  /** The ResourceType schema (RFC 7643 §6). */
  public static final Schema RESOURCE_TYPE = new Schema(RESOURCE_TYPE_URN, "ResourceType",
      "Specifies the schema that describes a SCIM resource type", List.of(
          readOnly(attr("id", STRING)),
          readOnly(attr("name", STRING).required()),
          readOnly(attr("description", STRING)),
          readOnly(attr("endpoint", REFERENCE).required().referenceTypes("uri")),
          readOnly(attr("schema", REFERENCE).required().caseExact(true).referenceTypes("uri")),
          attr("schemaExtensions", COMPLEX).multiValued().mutability(Mutability.READ_ONLY).subAttributes(
              readOnly(attr("schema", REFERENCE).required().caseExact(true).referenceTypes("uri")),
              readOnly(attr("required", BOOLEAN).required())).build()));

  private static List<AttributeDefinition> attributeCharacteristics() {
    return List.of(
        readOnly(attr("name", STRING).required().caseExact(true)),
        readOnly(attr("type", STRING).required().canonicalValues(
            "string", "complex", "boolean", "decimal", "integer", "dateTime", "reference", "binary")),
        readOnly(attr("multiValued", BOOLEAN).required()),
        readOnly(attr("description", STRING)),
        readOnly(attr("required", BOOLEAN)),
        readOnly(attr("canonicalValues", STRING).multiValued()),
        readOnly(attr("caseExact", BOOLEAN)),
        readOnly(attr("mutability", STRING).canonicalValues("readOnly", "readWrite", "immutable", "writeOnly")),
        readOnly(attr("returned", STRING).canonicalValues("always", "never", "default", "request")),
        readOnly(attr("uniqueness", STRING).canonicalValues("none", "server", "global")),
        readOnly(attr("referenceTypes", STRING).multiValued()));
  }

  /**
   * The Schema schema (RFC 7643 §7). RFC 7643 nests {@code subAttributes} inside {@code
   * attributes}, a second level of complex attributes that the attribute model here does not
   * allow, so the nested level is not described; schema documents are read and written by {@link
   * SchemaJson}, not through this definition.
   */
  public static final Schema SCHEMA = new Schema(SCHEMA_URN, "Schema", "Specifies the schema attribute", List.of(
      readOnly(attr("id", REFERENCE).required().caseExact(true).referenceTypes("uri")),
      readOnly(attr("name", STRING)),
      readOnly(attr("description", STRING)),
      attr("attributes", COMPLEX).multiValued().required().mutability(Mutability.READ_ONLY)
          .subAttributes(attributeCharacteristics()).build()));

  /** The User resource type with the Enterprise User extension (optional). */
  public static final ResourceType USER_TYPE = new ResourceType("User", "User", "/Users", "User Account", USER_URN,
      List.of(new SchemaExtension(ENTERPRISE_USER_URN, false)));

  /** The Group resource type. */
  public static final ResourceType GROUP_TYPE = new ResourceType("Group", "Group", "/Groups", "Group", GROUP_URN,
      List.of());
}
