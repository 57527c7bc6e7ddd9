package dev.scimsync.conformance.internal;

import dev.scimsync.conformance.Exchange;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.MessageSchemas;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a check works with: the raw HTTP layer (every exchange recorded), what discovery found,
 * assertions that fail with the exchange and the expectation, and fixtures that create uniquely
 * named data and remember it for clean-up. One context per check run.
 */
public final class CheckContext {
  /** The core User schema URN. */
  public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  /** The core Group schema URN. */
  public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

  private final Http http;
  private final Discovery discovery;
  private final String prefix;
  private final List<Exchange> exchanges = new ArrayList<>();
  private final Deque<String> created = new ArrayDeque<>();
  private int counter;

  /** A context over {@code http}; names of created data start with {@code prefix}. */
  public CheckContext(Http http, Discovery discovery, String prefix) {
    this.http = http;
    this.discovery = discovery;
    this.prefix = prefix;
  }

  /** What the endpoint says it supports. */
  public Discovery discovery() {
    return discovery;
  }

  /** Every exchange so far, in order. */
  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** A name unique to this run and call, starting with the run prefix (so it never matches other data). */
  public String name(String suffix) {
    return prefix + "-" + suffix + "-" + (++counter);
  }

  /** The run's prefix ({@code scimconf-<random>}). */
  public String prefix() {
    return prefix;
  }

  // ------------------------------------------------------------------ HTTP

  /** GET with the token, {@code Accept: application/scim+json}. */
  public Exchange get(String path) {
    return send("GET", path, null);
  }

  /** A request with an {@code application/scim+json} body (when there is one). */
  public Exchange send(String method, String path, String body) {
    return sendAs(method, path, body, Http.SCIM_JSON, Http.SCIM_JSON);
  }

  /**
   * A request with the given Content-Type (for a body) and Accept (null: none). A query with
   * {@code filter=} or {@code sortBy=} skips the check when /ServiceProviderConfig says filtering
   * or sorting is unsupported: in one place, so that no check can forget it.
   */
  public Exchange sendAs(String method, String path, String body, String contentType, String accept) {
    int query = path.indexOf('?');
    if (query >= 0) {
      String q = path.substring(query);
      require(!(q.contains("filter=") && !discovery.config().filterSupported()), "/ServiceProviderConfig says filter.supported=false");
      require(!(q.contains("sortBy=") && !discovery.config().sortSupported()), "/ServiceProviderConfig says sort.supported=false");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (accept != null) {
      headers.put("Accept", accept);
    }
    if (body != null && contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return record(http.send(method, path, body, headers, true));
  }

  /** A request with exactly {@code headers} (plus the token). */
  public Exchange sendWith(String method, String path, String body, Map<String, String> headers) {
    return record(http.send(method, path, body, headers, true));
  }

  /** A request without credentials. */
  public Exchange unauthenticated(String method, String path) {
    return record(http.send(method, path, null, Map.of("Accept", Http.SCIM_JSON), false));
  }

  /** A request with a made-up bearer token instead of the real one. */
  public Exchange wrongToken(String method, String path) {
    return record(http.send(method, path, null,
        Map.of("Accept", Http.SCIM_JSON, "Authorization", "Bearer scimconf-not-a-valid-token-" + randomId()), false));
  }

  private Exchange record(Exchange e) {
    exchanges.add(e);
    if (e.status() == 0) {
      throw new CheckFailed("no response to " + e.requestLine() + ": " + e.error(), "an HTTP response");
    }
    return e;
  }

  /** URL-encodes a query parameter value. */
  public static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ------------------------------------------------------------------ assertions

  /** Skips the check with {@code reason} unless {@code condition}. */
  public void require(boolean condition, String reason) {
    if (!condition) {
      throw new CheckSkipped(reason);
    }
  }

  /** Skips the check unless /ServiceProviderConfig says PATCH is supported. */
  public void requirePatch() {
    require(discovery.config().patchSupported(), "/ServiceProviderConfig says patch.supported=false");
  }

  /** Fails with {@code message} (naming the fault) unless {@code condition}. */
  public void expect(boolean condition, String message, String expected) {
    if (!condition) {
      throw new CheckFailed(message, expected);
    }
  }

  /** Fails unless the status is one of {@code allowed}; {@code what} names the request in the message. */
  public void status(Exchange e, String what, int... allowed) {
    for (int a : allowed) {
      if (e.status() == a) {
        return;
      }
    }
    String detail = detailOf(e);
    String expected = Arrays.stream(allowed).mapToObj(Integer::toString).collect(Collectors.joining(" or "));
    throw new CheckFailed(what + ": " + e.requestLine() + " answered " + e.status() + " instead of " + expected
        + (detail.isEmpty() ? "" : " (" + detail + ")"), "HTTP " + expected);
  }

  private static String detailOf(Exchange e) {
    try {
      JsonNode body = ScimJson.parse(e.responseBody());
      JsonNode d = body.get("detail");
      return d != null && d.isString() ? "detail: " + d.stringValue() : "";
    } catch (RuntimeException ex) {
      return "";
    }
  }

  /** Fails unless the response Content-Type is {@code application/scim+json} (parameters allowed). */
  public void scimJson(Exchange e) {
    String ct = e.header("Content-Type");
    expect(ct != null && ct.toLowerCase(java.util.Locale.ROOT).startsWith(Http.SCIM_JSON),
        "the response to " + e.requestLine() + " has Content-Type " + (ct == null ? "(none)" : "'" + ct + "'"),
        "Content-Type: application/scim+json");
  }

  /** The response body as a JSON object; fails when it is not one. */
  public ObjectNode json(Exchange e) {
    try {
      JsonNode n = ScimJson.parse(e.responseBody());
      if (n instanceof ObjectNode o) {
        return o;
      }
    } catch (RuntimeException ex) {
      // reported below
    }
    throw new CheckFailed("the response to " + e.requestLine() + " is not a JSON object", "a JSON object body");
  }

  /**
   * Fails unless {@code e} is a SCIM error: the status, the Error schema, {@code status} as a
   * string equal to the HTTP status, and {@code scimType} when given.
   */
  public ObjectNode error(Exchange e, String what, int status, String scimType) {
    status(e, what, status);
    scimJson(e);
    ObjectNode body = json(e);
    expect(hasSchema(body, MessageSchemas.ERROR), what + ": the error body lacks the Error schema " + MessageSchemas.ERROR,
        "schemas: [\"" + MessageSchemas.ERROR + "\"]");
    JsonNode s = body.get("status");
    expect(s != null && s.isString() && s.stringValue().equals(Integer.toString(status)),
        what + ": the error's status is " + (s == null ? "missing" : s.toString()) + ", not the string \"" + status + "\"",
        "\"status\": \"" + status + "\" (a string, RFC 7644 §3.12)");
    if (scimType != null) {
      JsonNode t = body.get("scimType");
      expect(t != null && scimType.equals(t.asString()),
          what + ": scimType is " + (t == null ? "missing" : t.toString()) + " instead of \"" + scimType + "\"",
          "\"scimType\": \"" + scimType + "\"");
    }
    return body;
  }

  /** Whether {@code body.schemas} contains {@code urn}. */
  public static boolean hasSchema(JsonNode body, String urn) {
    JsonNode schemas = body.get("schemas");
    if (schemas == null || !schemas.isArray()) {
      return false;
    }
    for (JsonNode s : schemas) {
      if (s.isString() && s.stringValue().equalsIgnoreCase(urn)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fails unless {@code e} is a 200 ListResponse: scim+json, the ListResponse schema,
   * {@code totalResults}, {@code itemsPerPage} and {@code startIndex} as JSON integers, and a
   * {@code Resources} array (also when empty).
   */
  public ObjectNode list(Exchange e, String what) {
    status(e, what, 200);
    scimJson(e);
    ObjectNode body = json(e);
    expect(hasSchema(body, MessageSchemas.LIST_RESPONSE), what + ": the list lacks the ListResponse schema",
        "schemas: [\"" + MessageSchemas.LIST_RESPONSE + "\"]");
    for (String field : List.of("totalResults", "itemsPerPage", "startIndex")) {
      JsonNode v = body.get(field);
      if (field.equals("totalResults") || v != null) {
        expect(v != null && v.isIntegralNumber(),
            what + ": " + field + " is " + (v == null ? "missing" : v.isString() ? "the string " + v : v.toString())
                + ", not a JSON integer",
            field + " as a JSON integer (Okta rejects strings)");
      }
    }
    JsonNode resources = body.get("Resources");
    expect(resources != null && resources.isArray(),
        what + ": Resources is " + (resources == null ? "missing" : "not an array")
            + " (totalResults " + body.get("totalResults") + ")",
        "\"Resources\": [...] — present even when empty");
    return body;
  }

  /** The {@code Resources} of a list checked with {@link #list}. */
  public static List<ObjectNode> resources(ObjectNode list) {
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode r : list.get("Resources")) {
      if (r instanceof ObjectNode o) {
        out.add(o);
      }
    }
    return out;
  }

  /** The integer {@code totalResults} of a list checked with {@link #list}. */
  public static int total(ObjectNode list) {
    return list.get("totalResults").intValue();
  }

  /** A string attribute by dotted path, or null. */
  public static String text(JsonNode node, String path) {
    JsonNode n = node;
    for (String part : path.split("\\.")) {
      if (n == null) {
        return null;
      }
      n = n.get(part);
    }
    return n == null || n.isNull() ? null : n.asString();
  }

  // ------------------------------------------------------------------ fixtures

  /** A typical user body: userName, name, displayName, one primary work email, externalId, active. */
  public ObjectNode userBody(String userName) {
    ObjectNode u = ScimJson.object();
    u.putArray("schemas").add(USER);
    u.put("userName", userName);
    u.put("externalId", "ext-" + userName);
    ObjectNode name = u.putObject("name");
    name.put("givenName", "Conformance");
    name.put("familyName", "Check");
    u.put("displayName", "Conformance Check");
    ArrayNode emails = u.putArray("emails");
    ObjectNode email = emails.addObject();
    email.put("value", userName.contains("@") ? userName : userName + "@example.com");
    email.put("type", "work");
    email.put("primary", true);
    u.put("active", true);
    return u;
  }

  /** Creates a user named {@code name(suffix)}; fails unless 201 with an id. */
  public ObjectNode createUser(String suffix) {
    return createUser(userBody(name(suffix)));
  }

  /** POSTs {@code body} to /Users; fails unless 201 with an id; remembers it for clean-up. */
  public ObjectNode createUser(ObjectNode body) {
    return create("/Users", body, Http.SCIM_JSON);
  }

  /** POSTs {@code body} to {@code endpoint} with {@code contentType}; fails unless 201 with an id. */
  public ObjectNode create(String endpoint, ObjectNode body, String contentType) {
    Exchange e = sendAs("POST", endpoint, ScimJson.write(body), contentType, Http.SCIM_JSON);
    if (e.status() == 201 || e.status() == 200) {
      String id = idOf(e);
      if (id != null) {
        created.push(endpoint + "/" + id);
      }
    }
    status(e, "create in " + endpoint + (Http.SCIM_JSON.equals(contentType) ? "" : " with Content-Type: " + contentType), 201);
    ObjectNode created = json(e);
    expect(text(created, "id") != null, "the created resource has no id", "a non-empty \"id\"");
    return created;
  }

  private static String idOf(Exchange e) {
    try {
      return text(ScimJson.parse(e.responseBody()), "id");
    } catch (RuntimeException ex) {
      return null;
    }
  }

  /** Remembers a resource created some other way (e.g. by Bulk) for clean-up. */
  public void createdElsewhere(String endpointAndId) {
    created.push(endpointAndId);
  }

  /** Creates a group named {@code name(suffix)} with the given member ids; skips when groups are not served. */
  public ObjectNode createGroup(String suffix, String... memberIds) {
    require(discovery.groups(), "the endpoint lists no Group resource type");
    ObjectNode g = ScimJson.object();
    g.putArray("schemas").add(GROUP);
    g.put("displayName", name(suffix));
    ArrayNode members = g.putArray("members");
    for (String id : memberIds) {
      members.addObject().put("value", id);
    }
    return create("/Groups", g, Http.SCIM_JSON);
  }

  /** GETs {@code endpoint/id}; fails unless 200. */
  public ObjectNode read(String endpoint, String id) {
    Exchange e = get(endpoint + "/" + id);
    status(e, "read back " + endpoint + "/" + id, 200);
    return json(e);
  }

  /** A PatchOp message with the given operation objects (JSON text). */
  public static String patchBody(String... operations) {
    return "{\"schemas\":[\"" + MessageSchemas.PATCH_OP + "\"],\"Operations\":[" + String.join(",", operations) + "]}";
  }

  /** PATCHes {@code endpoint/id}; fails unless 200 or 204. */
  public Exchange patch(String what, String endpoint, String id, String... operations) {
    Exchange e = send("PATCH", endpoint + "/" + id, patchBody(operations));
    status(e, what, 200, 204);
    return e;
  }

  /** Fails if {@code members} holds a value twice; returns the member ids. */
  public static List<String> memberIds(JsonNode group) {
    List<String> ids = new ArrayList<>();
    JsonNode members = group.get("members");
    if (members != null && members.isArray()) {
      members.forEach(m -> ids.add(text(m, "value")));
    }
    return ids;
  }

  /** A random id that no endpoint has. */
  public static String randomId() {
    return UUID.randomUUID().toString();
  }

  /** Deletes what this check created, newest first; never fails (the run goes on). */
  public void cleanup() {
    while (!created.isEmpty()) {
      String path = created.pop();
      exchanges.add(http.send("DELETE", path, null, Map.of(), true));
    }
  }
}
