package dev.scimsync.sync.scim;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.server.ScimRequest;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.target.DirectoryTarget;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The application's own user and group stores as a sync target, written through its {@link
 * ScimServer} exactly as an IdP's SCIM requests are: the same validation, uniqueness checks,
 * membership handling, provisioning events and audit, for the tenant of the given principal. Calls
 * stay in the process ({@link ScimServer#handleAs}); nothing goes over HTTP and no credential is
 * needed.
 */
public final class ScimServerTarget implements DirectoryTarget {

  private static final int PAGE = 1000;

  private final ScimServer server;
  private final Principal principal;
  private final String basePath;

  /**
   * Writes into {@code principal}'s tenant; the principal's subject (e.g. {@code directory-sync})
   * appears in events and audit as the author of the changes.
   */
  public ScimServerTarget(ScimServer server, Principal principal) {
    this(server, principal, "");
  }

  /** As {@link #ScimServerTarget(ScimServer, Principal)} for a server built with a {@code basePath}. */
  public ScimServerTarget(ScimServer server, Principal principal, @Nullable String basePath) {
    this.server = Objects.requireNonNull(server, "server");
    this.principal = Objects.requireNonNull(principal, "principal");
    String b = basePath == null ? "" : basePath;
    this.basePath = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  private static String endpoint(ResourceKind kind) {
    return kind == ResourceKind.USER ? "/Users" : "/Groups";
  }

  private ScimResponse call(String method, String path, @Nullable String query, @Nullable JsonNode body) {
    ScimRequest.Builder b = ScimRequest.builder(method, basePath + path).query(query);
    if (body != null) {
      b.header("Content-Type", ScimResponse.SCIM_JSON).body(ScimJson.write(body));
    }
    ScimResponse r = server.handleAs(principal, b.build());
    if (r.status() >= 400) {
      String detail = null;
      String scimType = null;
      try {
        ObjectNode err = ScimJson.parseObject(r.body());
        detail = err.path("detail").asString(null);
        scimType = err.path("scimType").asString(null);
      } catch (RuntimeException e) {
        // not a SCIM error body; the status says enough
      }
      throw Failures.of(r.status(), scimType, method + " " + path + ": HTTP " + r.status()
          + (detail == null ? "" : ": " + detail), Failures.retryAfter(r.header("Retry-After")), null);
    }
    return r;
  }

  private static String q(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public Iterator<ObjectNode> list(ResourceKind kind, List<String> attributes) {
    Iterator<List<ObjectNode>> pages = listPages(kind, attributes);
    return new Iterator<>() {
      private Iterator<ObjectNode> page = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!page.hasNext() && pages.hasNext()) {
          page = pages.next().iterator();
        }
        return page.hasNext();
      }

      @Override
      public ObjectNode next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.next();
      }
    };
  }

  @Override
  public Iterator<List<ObjectNode>> listPages(ResourceKind kind, List<String> attributes) {
    String attrs = q("attributes", String.join(",", attributes));
    return new Iterator<>() {
      private @Nullable List<ObjectNode> pending;
      private int next = 1;
      private boolean done;

      @Override
      public boolean hasNext() {
        while (pending == null && !done) {
          ObjectNode page = ScimJson.parseObject(call("GET", endpoint(kind), attrs + "&" + q("startIndex",
              Integer.toString(next)) + "&" + q("count", Integer.toString(PAGE)), null).body());
          JsonNode resources = page.path("Resources");
          int n = resources.isArray() ? resources.size() : 0;
          List<ObjectNode> out = new ArrayList<>(n);
          for (JsonNode r : resources) {
            out.add((ObjectNode) r);
          }
          int start = page.path("startIndex").asInt(next);
          next = start + n;
          done = n == 0 || next > page.path("totalResults").asInt(0);
          if (n > 0) {
            pending = out;
          }
        }
        return pending != null;
      }

      @Override
      public List<ObjectNode> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        List<ObjectNode> p = Objects.requireNonNull(pending, "pending");
        pending = null;
        return p;
      }
    };
  }

  @Override
  public Optional<ObjectNode> get(ResourceKind kind, String id) {
    try {
      return Optional.of(ScimJson.parseObject(call("GET", endpoint(kind) + "/" + segment(id), null, null).body()));
    } catch (dev.scimsync.sync.source.DirectoryException e) {
      if (e.kind() == dev.scimsync.sync.source.DirectoryException.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<ObjectNode> find(ResourceKind kind, String attribute, Collection<String> values) {
    return find(kind, attribute, values, kind == ResourceKind.GROUP ? q("excludedAttributes", "members") : null);
  }

  @Override
  public List<ObjectNode> find(ResourceKind kind, String attribute, Collection<String> values,
      List<String> attributes) {
    List<String> with = new ArrayList<>(attributes);
    if (!with.contains("externalId")) {
      with.add("externalId");
    }
    return find(kind, attribute, values, q("attributes", String.join(",", with)));
  }

  private List<ObjectNode> find(ResourceKind kind, String attribute, Collection<String> values,
      @Nullable String projection) {
    List<ObjectNode> out = new ArrayList<>();
    if (values.isEmpty()) {
      return out;
    }
    String query = q("filter", Failures.anyOf(attribute, values)) + "&"
        + q("count", Integer.toString(Math.max(10, values.size() * 2)))
        + (projection == null ? "" : "&" + projection);
    ObjectNode page = ScimJson.parseObject(call("GET", endpoint(kind), query, null).body());
    for (JsonNode r : page.path("Resources")) {
      out.add((ObjectNode) r);
    }
    return out;
  }

  /** The engine needs only the id back: rendering (a group's members, a user's groups) is skipped. */
  private static final String ID_ONLY = "attributes=id";

  @Override
  public ObjectNode create(ResourceKind kind, ObjectNode resource) {
    return ScimJson.parseObject(call("POST", endpoint(kind), ID_ONLY, resource).body());
  }

  @Override
  public void patch(ResourceKind kind, String id, PatchRequest request) {
    call("PATCH", endpoint(kind) + "/" + segment(id), ID_ONLY, request.toJson());
  }

  @Override
  public void delete(ResourceKind kind, String id) {
    call("DELETE", endpoint(kind) + "/" + segment(id), null, null);
  }

  private static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
