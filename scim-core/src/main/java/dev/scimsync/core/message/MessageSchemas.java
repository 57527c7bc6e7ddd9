package dev.scimsync.core.message;

/** The schema URNs that identify the RFC 7644 protocol messages in their {@code schemas} attribute. */
public final class MessageSchemas {

  /** {@code urn:ietf:params:scim:api:messages:2.0:ListResponse} (RFC 7644 §3.4.2). */
  public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  /** {@code urn:ietf:params:scim:api:messages:2.0:PatchOp} (RFC 7644 §3.5.2). */
  public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  /** {@code urn:ietf:params:scim:api:messages:2.0:Error} (RFC 7644 §3.12). */
  public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
  /** {@code urn:ietf:params:scim:api:messages:2.0:BulkRequest} (RFC 7644 §3.7). */
  public static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
  /** {@code urn:ietf:params:scim:api:messages:2.0:BulkResponse} (RFC 7644 §3.7). */
  public static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
  /** {@code urn:ietf:params:scim:api:messages:2.0:SearchRequest} (RFC 7644 §3.4.3). */
  public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

  private MessageSchemas() {}
}
