package dev.scimsync.core.message;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.internal.Access;
import dev.scimsync.core.internal.TreeWriter;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A query result (RFC 7644 §3.4.2): {@code totalResults}, the page of {@code Resources}, and the
 * index-paging fields {@code startIndex} and {@code itemsPerPage} or the RFC 9865 cursor fields
 * {@code nextCursor} and {@code previousCursor}. Immutable: the resources are copied in and out.
 *
 * @param totalResults the total number of matches, at least 0
 * @param startIndex the 1-based index of the first resource on this page, or null when not sent
 *     (cursor paging, or a server without paging)
 * @param itemsPerPage the number of resources on this page, or null when not sent
 * @param resources the resources on this page; never null
 * @param nextCursor the RFC 9865 cursor of the next page, or null on the last page
 * @param previousCursor the RFC 9865 cursor of the previous page, or null
 */
public record ListResponse( int totalResults, @Nullable Integer startIndex, @Nullable Integer itemsPerPage,
    List<ObjectNode> resources, @Nullable String nextCursor, @Nullable String previousCursor) {

  /** Checks and copies; negative counts or a startIndex below 1 give 400 invalidValue. */
  public ListResponse {
    if (totalResults < 0) {
      throw ScimException.invalidValue("'totalResults' must not be negative: " + totalResults);
    }
    if (startIndex != null && startIndex < 1) {
      throw ScimException.invalidValue("'startIndex' is 1-based and must be at least 1: " + startIndex);
    }
    if (itemsPerPage != null && itemsPerPage < 0) {
      throw ScimException.invalidValue("'itemsPerPage' must not be negative: " + itemsPerPage);
    }
    resources = resources instanceof Owned owned ? owned.nodes : copyAll(Objects.requireNonNull(resources, "resources"));
  }

  /**
   * Nodes that nobody else holds or will change (freshly parsed, or the nodes of {@link
   * ScimResource}s, which never change): taken as they are instead of copied. Private, so only this
   * class can vouch for a list.
   */
  private static final class Owned extends java.util.AbstractList<ObjectNode> {
    private final List<ObjectNode> nodes;

    Owned(List<ObjectNode> nodes) {
      for (ObjectNode n : nodes) {
        Objects.requireNonNull(n, "resource");
      }
      this.nodes = List.copyOf(nodes);
    }

    @Override
    public ObjectNode get(int index) {
      return nodes.get(index);
    }

    @Override
    public int size() {
      return nodes.size();
    }
  }

  /** An index-paged page: {@code itemsPerPage} is the number of resources given. */
  public static ListResponse of(int totalResults, int startIndex, List<ObjectNode> resources) {
    return new ListResponse(totalResults, startIndex, resources.size(), resources, null, null);
  }

  /** An index-paged page of resources: {@code itemsPerPage} is the number of resources given. */
  public static ListResponse ofResources(int totalResults, int startIndex, List<ScimResource> resources) {
    return ofResources(totalResults, startIndex, resources, null, null);
  }

  /**
   * A page of resources with any paging fields: {@code itemsPerPage} is the number of resources
   * given; {@code startIndex} null for cursor paging. The resources' nodes are not copied.
   */
  public static ListResponse ofResources(int totalResults, @Nullable Integer startIndex, List<ScimResource> resources,
      @Nullable String nextCursor, @Nullable String previousCursor) {
    List<ObjectNode> nodes = new ArrayList<>(resources.size());
    for (ScimResource r : resources) {
      nodes.add(Access.node(r));
    }
    return new ListResponse(totalResults, startIndex, nodes.size(), new Owned(nodes), nextCursor, previousCursor);
  }

  /** The empty result: {@code totalResults 0, startIndex 1, itemsPerPage 0, Resources []}. */
  public static ListResponse empty() {
    return new ListResponse(0, 1, 0, List.of(), null, null);
  }

  /** A copy with the RFC 9865 cursors set (either may be null). */
  public ListResponse withCursors(@Nullable String next, @Nullable String previous) {
    // this page's nodes are its own already
    return new ListResponse(totalResults, startIndex, itemsPerPage, new Owned(resources), next, previous);
  }

  /** Copies of the resources on this page. */
  @Override
  public List<ObjectNode> resources() {
    return copyAll(resources);
  }

  /** The resources on this page as {@link ScimResource}s. */
  public List<ScimResource> scimResources() {
    List<ScimResource> out = new ArrayList<>(resources.size());
    for (ObjectNode r : resources) {
      // this record never changes nor hands out its nodes, so the resources may share them
      out.add(Access.wrap(r));
    }
    return List.copyOf(out);
  }

  /** True when a later page exists: a next cursor, or fewer resources seen than the total. */
  public boolean hasMore() {
    if (nextCursor != null) {
      return true;
    }
    int start = startIndex == null ? 1 : startIndex;
    return !resources.isEmpty() && (long) start - 1 + resources.size() < totalResults;
  }

  /**
   * Reads a list response from a body of JSON text, as servers really send it. Accepted besides the RFC shape: a missing or
   * different {@code schemas}; paging numbers sent as strings ({@code "10"}); {@code Resources}
   * absent or null on an empty result (Okta, Entra ID); {@code startIndex} and {@code itemsPerPage}
   * absent (servers without paging, e.g. Google); {@code totalResults} absent, read as the number
   * of resources; attribute names in any case ({@code resources}).
   *
   * @throws ScimException 400 when the body is not JSON or not an object, {@code Resources} is not
   *     an array of objects, or a number is not an integer
   */
  public static ListResponse fromJson(String body) {
    return read(ScimJson.parseObject(body), true);
  }

  /**
   * Reads a list response from a body of JSON bytes; see {@link #fromJson(JsonNode)}. Cheaper than
   * parsing the body first: the resources parsed here are not copied.
   */
  public static ListResponse fromJson(byte[] body) {
    return read(ScimJson.parseObject(body), true);
  }

  /**
   * Reads a list response as servers really send it; see {@link #fromJson(String)} for what is
   * accepted besides the RFC shape.
   *
   * @throws ScimException 400 when the body is not an object, {@code Resources} is not an array of
   *     objects, or a number is not an integer
   */
  public static ListResponse fromJson(@Nullable JsonNode json) {
    return read(json, false);
  }

  /** Reads {@code json}; with {@code owned}, nobody else holds it, so its resources are not copied. */
  private static ListResponse read(@Nullable JsonNode json, boolean owned) {
    ObjectNode o = Wire.body(json, "list response");
    List<JsonNode> items = Wire.array(o, "Resources");
    List<ObjectNode> resources = new ArrayList<>();
    if (items != null) {
      int i = 0;
      for (JsonNode item : items) {
        if (!item.isObject()) {
          throw ScimException.invalidSyntax("'Resources[" + i + "]' must be an object, not " + ScimJson.describe(item));
        }
        resources.add((ObjectNode) item);
        i++;
      }
    }
    Integer total = Wire.integer(o, "totalResults", true);
    Integer start = Wire.integer(o, "startIndex", true);
    Integer perPage = Wire.integer(o, "itemsPerPage", true);
    return new ListResponse(total == null ? resources.size() : total, start, perPage,
        owned ? new Owned(resources) : resources, Wire.string(o, "nextCursor"), Wire.string(o, "previousCursor"));
  }

  /**
   * The RFC 7644 wire form: {@code schemas}, integer {@code totalResults}, {@code startIndex} and
   * {@code itemsPerPage} when set, the cursors when set, and {@code Resources} always, {@code []}
   * when empty.
   */
  public ObjectNode toJson() {
    ObjectNode o = header();
    ArrayNode arr = o.putArray("Resources");
    for (ObjectNode r : resources) {
      arr.add(r.deepCopy());
    }
    return o;
  }

  /**
   * The wire form of {@link #toJson()} as compact UTF-8 JSON, written straight from this page
   * without copying its resources: what a server sends.
   */
  public byte[] toJsonBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 1024 * resources.size());
    try (JsonGenerator g = ScimJson.mapper().createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> p : header().properties()) {
        g.writeName(p.getKey());
        g.writeTree(p.getValue());
      }
      g.writeName("Resources");
      g.writeStartArray();
      for (ObjectNode r : resources) {
        TreeWriter.write(g, r);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Everything of the wire form but {@code Resources}, in wire order. */
  private ObjectNode header() {
    ObjectNode o = ScimJson.object();
    o.putArray("schemas").add(MessageSchemas.LIST_RESPONSE);
    o.put("totalResults", totalResults);
    if (startIndex != null) {
      o.put("startIndex", startIndex.intValue());
    }
    if (itemsPerPage != null) {
      o.put("itemsPerPage", itemsPerPage.intValue());
    }
    if (nextCursor != null) {
      o.put("nextCursor", nextCursor);
    }
    if (previousCursor != null) {
      o.put("previousCursor", previousCursor);
    }
    return o;
  }

  private static List<ObjectNode> copyAll(List<ObjectNode> in) {
    List<ObjectNode> out = new ArrayList<>(in.size());
    for (ObjectNode r : in) {
      out.add(Objects.requireNonNull(r, "resource").deepCopy());
    }
    return List.copyOf(out);
  }
}
