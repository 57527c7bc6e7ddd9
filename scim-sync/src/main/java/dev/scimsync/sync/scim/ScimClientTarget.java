package dev.scimsync.sync.scim;

import dev.scimsync.client.ResourceClient;
import dev.scimsync.client.ScimClient;
import dev.scimsync.client.ScimNotFoundException;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.filter.Filter;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.target.DirectoryTarget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A remote SCIM service provider as a sync target, through scim-client: the push bridge that
 * turns a directory that does not push into SCIM provisioning of any application. Configure the
 * client's timeouts; leave its retries off ({@code RetryPolicy.none()}) or low, since the engine
 * retries with backoff and counts the waits. Creates are looked up by {@code externalId} after a
 * lost response, so they are never duplicated.
 */
public final class ScimClientTarget implements DirectoryTarget {

  private static final int PAGE = 1000;

  private final ScimClient client;

  /** Writes through {@code client}; the caller keeps and closes it. */
  public ScimClientTarget(ScimClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  private ResourceClient<ScimResource> endpoint(ResourceKind kind) {
    return client.resources(kind == ResourceKind.USER ? "/Users" : "/Groups");
  }


  @Override
  public Iterator<ObjectNode> list(ResourceKind kind, List<String> attributes) {
    Iterator<ScimResource> it = endpoint(kind).all().attributes(attributes.toArray(String[]::new)).pageSize(PAGE)
        .iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return Failures.call(it::hasNext);
      }

      @Override
      public ObjectNode next() {
        return Failures.call(it::next).json();
      }
    };
  }

  @Override
  public Iterator<List<ObjectNode>> listPages(ResourceKind kind, List<String> attributes) {
    Iterator<dev.scimsync.client.Page<ScimResource>> it = endpoint(kind).all()
        .attributes(attributes.toArray(String[]::new)).pageSize(PAGE).pages().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return Failures.call(it::hasNext);
      }

      @Override
      public List<ObjectNode> next() {
        List<ObjectNode> out = new ArrayList<>();
        for (ScimResource r : Failures.call(it::next).resources()) {
          out.add(r.json());
        }
        return out;
      }
    };
  }

  @Override
  public Optional<ObjectNode> get(ResourceKind kind, String id) {
    try {
      return Failures.call(() -> endpoint(kind).find(id)).map(ScimResource::json);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof ScimNotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<ObjectNode> find(ResourceKind kind, String attribute, Collection<String> values) {
    return find(kind, attribute, values, null);
  }

  @Override
  public List<ObjectNode> find(ResourceKind kind, String attribute, Collection<String> values,
      @Nullable List<String> attributes) {
    List<ObjectNode> out = new ArrayList<>();
    if (values.isEmpty()) {
      return out;
    }
    var query = endpoint(kind).search(Failures.anyOf(attribute, values)).pageSize(Math.max(10, values.size() * 2));
    if (attributes != null) {
      List<String> with = new ArrayList<>(attributes);
      if (!with.contains("externalId")) {
        with.add("externalId");
      }
      query = query.attributes(with.toArray(String[]::new));
    } else if (kind == ResourceKind.GROUP) {
      query = query.excludedAttributes("members");
    }
    var page = Failures.call(query::firstPage);
    for (ScimResource r : page.resources()) {
      out.add(r.json());
    }
    return out;
  }

  @Override
  public ObjectNode create(ResourceKind kind, ObjectNode resource) {
    String ext = resource.path("externalId").asString(null);
    Filter unique = ext == null ? null : Filter.parse(Failures.anyOf("externalId", List.of(ext)));
    return Failures.call(() -> endpoint(kind).create(ScimResource.of(resource), unique)).json();
  }

  @Override
  public void patch(ResourceKind kind, String id, PatchRequest request) {
    Failures.call(() -> endpoint(kind).patch(id, request));
  }

  @Override
  public void delete(ResourceKind kind, String id) {
    Failures.call(() -> {
      endpoint(kind).delete(id);
      return null;
    });
  }
}
