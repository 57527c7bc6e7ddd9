package dev.scimsync.client;

import dev.scimsync.core.resource.Group;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.User;
import dev.scimsync.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How a resource type maps between the wire form and its Java type, and how a created resource is
 * found again after a connection failure.
 */
record ResourceMapper<T>(String endpoint, Function<ScimResource, T> read, Function<T, ScimResource> write,
    Function<T, Filter> uniqueness) {

  ResourceMapper {
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(write, "write");
    endpoint = normalise(endpoint);
  }

  static String normalise(String endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    String e = endpoint.strip();
    while (e.endsWith("/")) {
      e = e.substring(0, e.length() - 1);
    }
    if (!e.startsWith("/")) {
      e = "/" + e;
    }
    if (e.length() < 2) {
      throw new IllegalArgumentException("an endpoint such as /Users is required");
    }
    return e;
  }

  List<String> segments() {
    List<String> out = new ArrayList<>();
    for (String s : endpoint.substring(1).split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  static ResourceMapper<User> users() {
    return new ResourceMapper<>("/Users", User::from, User::toResource, u -> userFilter(u.toResource()));
  }

  static ResourceMapper<Group> groups() {
    return new ResourceMapper<>("/Groups", Group::from, Group::toResource, g -> groupFilter(g.toResource()));
  }

  static ResourceMapper<ScimResource> generic(String endpoint) {
    String e = normalise(endpoint);
    Function<ScimResource, Filter> f = e.equalsIgnoreCase("/Users") ? ResourceMapper::userFilter
        : e.equalsIgnoreCase("/Groups") ? ResourceMapper::groupFilter : r -> null;
    return new ResourceMapper<>(e, r -> r, r -> r, f);
  }

  /** {@code userName eq ...}, else {@code externalId eq ...}, else null. */
  static @Nullable Filter userFilter(ScimResource r) {
    String userName = r.text("userName");
    if (userName != null) {
      return Filter.eq("userName", userName);
    }
    return r.externalId() == null ? null : Filter.eq("externalId", r.externalId());
  }

  /** {@code externalId eq ...}, else {@code displayName eq ...}, else null. */
  static @Nullable Filter groupFilter(ScimResource r) {
    if (r.externalId() != null) {
      return Filter.eq("externalId", r.externalId());
    }
    String name = r.text("displayName");
    return name == null ? null : Filter.eq("displayName", name);
  }
}
