package dev.scimsync.sync;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.sync.internal.Paths;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.target.DirectoryTarget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A target in plain maps, applying the PATCH shapes the engine sends (replace/remove by path, add
 * members, remove members by value filter), counting writes.
 */
class FakeTarget implements DirectoryTarget {
  final Map<String, ObjectNode> users = new LinkedHashMap<>();
  final Map<String, ObjectNode> groups = new LinkedHashMap<>();
  int writes;
  int nextId;

  Map<String, ObjectNode> map(ResourceKind k) {
    return k == ResourceKind.USER ? users : groups;
  }

  ObjectNode put(ResourceKind k, ObjectNode r) {
    String id = "t" + (nextId++);
    ObjectNode c = r.deepCopy();
    c.remove("schemas");
    c.put("id", id);
    map(k).put(id, c);
    return c.deepCopy();
  }

  @Override
  public Iterator<ObjectNode> list(ResourceKind kind, List<String> attributes) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : map(kind).values()) {
      ObjectNode c = o.deepCopy();
      c.remove("members");
      out.add(c);
    }
    return out.iterator();
  }

  @Override
  public Optional<ObjectNode> get(ResourceKind kind, String id) {
    ObjectNode o = map(kind).get(id);
    return Optional.ofNullable(o == null ? null : o.deepCopy());
  }

  @Override
  public List<ObjectNode> find(ResourceKind kind, String attribute, Collection<String> values) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : map(kind).values()) {
      JsonNode v = Paths.get(o, attribute);
      if (v != null && v.isString()) {
        for (String x : values) {
          if (attribute.equals("externalId") ? x.equals(v.stringValue()) : x.equalsIgnoreCase(v.stringValue())) {
            ObjectNode c = o.deepCopy();
            c.remove("members");
            out.add(c);
          }
        }
      }
    }
    return out;
  }

  @Override
  public ObjectNode create(ResourceKind kind, ObjectNode resource) {
    writes++;
    String ext = resource.path("externalId").asString(null);
    if (ext != null && !find(kind, "externalId", List.of(ext)).isEmpty()) {
      throw new DirectoryException(DirectoryException.Kind.CONFLICT, "externalId " + ext + " exists");
    }
    return put(kind, resource);
  }

  private static final Pattern MEMBER_FILTER = Pattern.compile("value eq \"([^\"]*)\"");

  @Override
  public void patch(ResourceKind kind, String id, PatchRequest request) {
    writes++;
    ObjectNode o = map(kind).get(id);
    if (o == null) {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, id);
    }
    for (PatchOperation op : request.operations()) {
      String path = op.path();
      switch (op.op()) {
        case ADD -> {
          if (!path.equals("members")) {
            throw new IllegalStateException("unexpected add " + path);
          }
          ArrayNode ms = o.has("members") ? (ArrayNode) o.get("members") : o.putArray("members");
          for (JsonNode m : op.value()) {
            boolean present = false;
            for (JsonNode e : ms) {
              present |= e.path("value").asString().equals(m.path("value").asString());
            }
            if (!present) {
              ms.add(m.deepCopy());
            }
          }
        }
        case REMOVE -> {
          if (path.startsWith("members[")) {
            Matcher mt = MEMBER_FILTER.matcher(path);
            List<String> gone = new ArrayList<>();
            while (mt.find()) {
              gone.add(mt.group(1));
            }
            ArrayNode ms = (ArrayNode) o.get("members");
            if (ms != null) {
              for (int i = ms.size() - 1; i >= 0; i--) {
                if (gone.contains(ms.get(i).path("value").asString())) {
                  ms.remove(i);
                }
              }
            }
          } else {
            removePath(o, path);
          }
        }
        case REPLACE -> Paths.set(o, path, op.value().deepCopy());
        default -> throw new IllegalStateException();
      }
    }
  }

  private static void removePath(ObjectNode o, String path) {
    List<String> keys = Paths.keys(path);
    ObjectNode cur = o;
    for (int i = 0; i < keys.size() - 1; i++) {
      JsonNode n = cur.get(keys.get(i));
      if (n == null || !n.isObject()) {
        return;
      }
      cur = (ObjectNode) n;
    }
    cur.remove(keys.get(keys.size() - 1));
  }

  @Override
  public void delete(ResourceKind kind, String id) {
    writes++;
    if (map(kind).remove(id) == null) {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, id);
    }
    if (kind == ResourceKind.USER) {
      for (ObjectNode g : groups.values()) {
        ArrayNode ms = (ArrayNode) g.get("members");
        if (ms != null) {
          for (int i = ms.size() - 1; i >= 0; i--) {
            if (ms.get(i).path("value").asString().equals(id)) {
              ms.remove(i);
            }
          }
        }
      }
    }
  }

  static ObjectNode json(String text) {
    return ScimJson.parseObject(text);
  }
}
