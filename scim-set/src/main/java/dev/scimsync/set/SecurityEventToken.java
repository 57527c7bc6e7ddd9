package dev.scimsync.set;

import dev.scimsync.core.json.ScimJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The claims of one SCIM Security Event Token (RFC 8417 §2.2, profiled by RFC 9967 §2): who issued
 * it for whom, which resource it is about ({@code sub_id}, never {@code sub}), the transaction it
 * belongs to and its events, each an event URI with its payload. Immutable: payloads are copied in
 * and out.
 *
 * @param jti the token's unique id
 * @param issuer {@code iss}
 * @param issuedAt {@code iat}, written in whole seconds
 * @param audience {@code aud}, written as an array as in the RFC's examples; may be empty
 * @param txn the transaction id shared by every SET of one change (re-sends keep it), or null
 * @param subject {@code sub_id}
 * @param timeOfEvent {@code toe}, when the change happened, or null
 * @param events event URI to payload, in order
 */
public record SecurityEventToken(String jti, String issuer, Instant issuedAt, List<String> audience,
    @Nullable String txn, ScimSubject subject, @Nullable Instant timeOfEvent, Map<String, ObjectNode> events) {

  /** Checks the required claims and copies the collections and payloads. */
  public SecurityEventToken {
    Objects.requireNonNull(jti, "jti");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(subject, "subject");
    audience = List.copyOf(audience);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a SET carries at least one event");
    }
    Map<String, ObjectNode> copy = new LinkedHashMap<>();
    events.forEach((uri, payload) -> copy.put(Objects.requireNonNull(uri), payload.deepCopy()));
    events = java.util.Collections.unmodifiableMap(copy);
  }

  /** The payloads, as copies. */
  @Override
  public Map<String, ObjectNode> events() {
    Map<String, ObjectNode> copy = new LinkedHashMap<>();
    events.forEach((uri, payload) -> copy.put(uri, payload.deepCopy()));
    return copy;
  }

  /** The payload of event {@code uri}, as a copy, or null when the SET does not carry it. */
  public @Nullable ObjectNode event(String uri) {
    ObjectNode p = events.get(uri);
    return p == null ? null : p.deepCopy();
  }

  /** The claims set as JSON, the payload that gets signed. */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    o.put("jti", jti);
    o.put("iat", issuedAt.getEpochSecond());
    o.put("iss", issuer);
    ArrayNode aud = o.putArray("aud");
    audience.forEach(aud::add);
    if (txn != null) {
      o.put("txn", txn);
    }
    o.set("sub_id", subject.toJson());
    if (timeOfEvent != null) {
      o.put("toe", timeOfEvent.getEpochSecond());
    }
    ObjectNode ev = o.putObject("events");
    events.forEach((uri, payload) -> ev.set(uri, payload.deepCopy()));
    return o;
  }

  /**
   * Reads a claims set, e.g. one a {@link SetVerifier} checked.
   *
   * @throws IllegalArgumentException when a required claim is missing or malformed
   */
  public static SecurityEventToken fromJson(JsonNode claims) {
    if (claims == null || !claims.isObject()) {
      throw new IllegalArgumentException("a SET's claims are a JSON object");
    }
    if (claims.has("sub")) {
      throw new IllegalArgumentException("a SCIM event names its subject in sub_id, not sub (RFC 9967 §2.1)");
    }
    JsonNode events = claims.get("events");
    if (events == null || !events.isObject() || events.isEmpty()) {
      throw new IllegalArgumentException("events must be a non-empty object");
    }
    Map<String, ObjectNode> ev = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : events.properties()) {
      if (!e.getValue().isObject()) {
        throw new IllegalArgumentException("the payload of " + e.getKey() + " must be an object");
      }
      ev.put(e.getKey(), (ObjectNode) e.getValue());
    }
    JsonNode aud = claims.get("aud");
    List<String> audience = new java.util.ArrayList<>();
    if (aud != null && aud.isString()) {
      audience.add(aud.stringValue());
    } else if (aud != null && aud.isArray()) {
      aud.forEach(a -> audience.add(a.asString()));
    }
    return new SecurityEventToken(required(claims, "jti"), required(claims, "iss"),
        Instant.ofEpochSecond(seconds(claims, "iat")), audience, optional(claims, "txn"),
        ScimSubject.fromJson(claims.get("sub_id")),
        claims.has("toe") ? Instant.ofEpochSecond(seconds(claims, "toe")) : null, ev);
  }

  private static String required(JsonNode o, String name) {
    String v = optional(o, name);
    if (v == null) {
      throw new IllegalArgumentException("the claim " + name + " is required");
    }
    return v;
  }

  private static @Nullable String optional(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v != null && v.isString() ? v.stringValue() : null;
  }

  private static long seconds(JsonNode o, String name) {
    JsonNode v = o.get(name);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("the claim " + name + " must be a NumericDate");
    }
    return v.asLong();
  }
}
