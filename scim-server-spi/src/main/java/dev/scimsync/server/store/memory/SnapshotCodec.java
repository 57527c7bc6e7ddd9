package dev.scimsync.server.store.memory;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.Meta;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One store's tenants as snapshot JSON and back: {@code {"<tenant>": {"nextSeq": n, "resources":
 * [{"seq": s, "resource": {...}, "passwordHash": "..."}]}}}. A password is written only as its
 * salted hash, never in clear text.
 */
final class SnapshotCodec {

  private SnapshotCodec() {}

  /** Every tenant's resources, each tenant read under its lock. */
  static ObjectNode export(InMemoryStore store, Map<String, Tenant> tenants) {
    ObjectNode out = ScimJson.object();
    for (Map.Entry<String, Tenant> te : new TreeMap<>(tenants).entrySet()) {
      Tenant t = te.getValue();
      ObjectNode tj = out.putObject(te.getKey());
      t.read(() -> {
        tj.put("nextSeq", t.nextSeq);
        ArrayNode arr = tj.putArray("resources");
        for (Entry e : t.bySeq.values()) {
          arr.add(entry(store, e));
        }
        return null;
      });
    }
    return out;
  }

  /** One resource as {@link #export} writes it; the caller holds the tenant's lock. */
  static ObjectNode entry(InMemoryStore store, Entry e) {
    ObjectNode ej = ScimJson.object();
    ej.put("seq", e.seq);
    ej.set("resource", store.withMembers(e).deepCopy());
    if (e.passwordHash != null) {
      ej.put("passwordHash", e.passwordHash);
    }
    return ej;
  }

  /** The tenants {@link #export} wrote. */
  static Map<String, Tenant> read(InMemoryStore store, JsonNode data) {
    Map<String, Tenant> loaded = new java.util.HashMap<>();
    for (Map.Entry<String, JsonNode> te : data.properties()) {
      Tenant t = store.newTenant();
      long maxSeq = 0;
      for (JsonNode ej : te.getValue().get("resources")) {
        long seq = ej.get("seq").longValue();
        ObjectNode doc = ((ObjectNode) ej.get("resource")).deepCopy();
        JsonNode clear = Json.remove(doc, "password"); // an older snapshot's clear text: hashed now
        Meta meta = Meta.from(doc.get("meta"));
        // written by encode from the entry's version; a snapshot without it failed below anyway
        String version = Objects.requireNonNull(meta.version(), "a stored resource has meta.version");
        Entry e = new Entry(doc.get("id").stringValue(), seq,
            Objects.requireNonNull(meta.created(), "a stored resource has meta.created"));
        JsonNode hash = ej.get("passwordHash");
        String passwordHash = hash != null && Passwords.isHash(hash.stringValue()) ? hash.stringValue()
            : clear != null && clear.isString() ? Passwords.hash(clear.stringValue()) : null;
        store.load(t, e, doc, passwordHash,
            Long.parseLong(version.substring(3, version.length() - 1)), meta.lastModified());
        maxSeq = Math.max(maxSeq, seq);
      }
      t.nextSeq = Math.max(te.getValue().path("nextSeq").asLong(1), maxSeq + 1);
      loaded.put(te.getKey(), t);
    }
    return loaded;
  }
}
