package dev.scimsync.server.store.memory;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resource on its way into the in-memory store, taken apart: the document the store keeps, the
 * delegated attribute's values, the password (hashed here, outside any lock), its index keys and
 * its size. Built before the tenant's lock is taken, so the costly parts run unlocked.
 */
final class Documents {

  /** The prepared parts of one incoming resource. */
  record Incoming(ObjectNode doc, @Nullable LinkedHashMap<String, ObjectNode> members, @Nullable String passwordHash,
      List<Map<String, String>> keys, long docBytes, long memberBytes) {}

  private final List<IndexSpec> indexes;
  private final @Nullable String delegated;
  private final StoreLimits limits;

  Documents(List<IndexSpec> indexes, @Nullable String delegated, StoreLimits limits) {
    this.indexes = indexes;
    this.delegated = delegated;
    this.limits = limits;
  }

  /**
   * Takes {@code json} apart; with {@code keepDelegated} false the delegated attribute is dropped
   * (a PATCH brings it as a delta instead).
   */
  Incoming prepare(ObjectNode json, boolean keepDelegated) {
    ObjectNode doc = strip(json);
    LinkedHashMap<String, ObjectNode> members = null;
    if (keepDelegated) {
      members = takeMembers(doc);
    } else if (delegated != null) {
      Json.remove(doc, delegated);
    }
    JsonNode password = Json.remove(doc, "password");
    String hash = password != null && password.isString() ? Passwords.hash(password.stringValue()) : null;
    checkValueCounts(doc);
    if (members != null && members.size() > limits.maxValues()) {
      throw tooManyValues(delegated);
    }
    long memberBytes = 0;
    if (members != null) {
      for (ObjectNode m : members.values()) {
        memberBytes += size(m);
      }
    }
    return new Incoming(doc, members, hash, keysOf(doc), size(doc), memberBytes);
  }

  /** The JSON without id and meta, which the store owns. */
  static ObjectNode strip(ObjectNode doc) {
    Json.remove(doc, "id");
    Json.remove(doc, "meta");
    return doc;
  }

  /** The bytes {@code node} counts against a quota: its size as compact JSON. */
  static long size(JsonNode node) {
    return ScimJson.writeBytes(node).length;
  }

  /** Takes the delegated attribute's values out of {@code doc}; null when nothing is delegated. */
  @Nullable LinkedHashMap<String, ObjectNode> takeMembers(ObjectNode doc) {
    if (delegated == null) {
      return null;
    }
    LinkedHashMap<String, ObjectNode> members = new LinkedHashMap<>();
    JsonNode arr = Json.remove(doc, delegated);
    if (arr == null || arr.isNull()) {
      return members;
    }
    if (!arr.isArray()) {
      throw ScimException.invalidValue("'" + delegated + "' must be an array");
    }
    for (JsonNode m : arr) {
      JsonNode v = Json.get(m, "value");
      if (v == null || !v.isString()) {
        throw ScimException.invalidValue("every value of '" + delegated + "' needs a \"value\"");
      }
      ObjectNode cur = members.get(v.stringValue());
      if (cur == null) {
        members.put(v.stringValue(), (ObjectNode) m);
      } else {
        m.properties().forEach(p -> cur.set(p.getKey(), p.getValue()));
      }
    }
    return members;
  }

  /** Per index, the keys of {@code doc} mapped to the value as written. */
  List<Map<String, String>> keysOf(ObjectNode doc) {
    List<Map<String, String>> out = new ArrayList<>(indexes.size());
    for (IndexSpec spec : indexes) {
      Map<String, String> keys = new LinkedHashMap<>();
      for (String v : Json.strings(doc, spec.name(), spec.sub())) {
        keys.putIfAbsent(spec.key(v), v);
      }
      out.add(keys);
    }
    return out;
  }

  /** Every list of the document (top level and inside extensions) within {@link StoreLimits#maxValues()}. */
  private void checkValueCounts(ObjectNode doc) {
    for (Map.Entry<String, JsonNode> p : doc.properties()) {
      JsonNode v = p.getValue();
      if (v.isArray() && v.size() > limits.maxValues()) {
        throw tooManyValues(p.getKey());
      }
      if (v.isObject()) {
        for (Map.Entry<String, JsonNode> q : v.properties()) {
          if (q.getValue().isArray() && q.getValue().size() > limits.maxValues()) {
            throw tooManyValues(p.getKey() + ":" + q.getKey());
          }
        }
      }
    }
  }

  ScimException tooManyValues(@Nullable String attribute) {
    return ScimException.invalidValue("'" + attribute + "' would have more than " + limits.maxValues()
        + " values, the most this store keeps per attribute (maxValues)");
  }
}
