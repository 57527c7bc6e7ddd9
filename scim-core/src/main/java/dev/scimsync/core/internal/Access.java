package dev.scimsync.core.internal;

import dev.scimsync.core.resource.ScimResource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lets the engines of this module read and build {@link ScimResource}s without the defensive
 * copies that the public API makes. Not exported: applications cannot reach it.
 */
public final class Access {

  /** The operations {@link ScimResource} grants. */
  public interface Resources {
    /** Wraps a node that nobody else holds. */
    ScimResource wrap(ObjectNode owned);

    /** The resource's own node; callers must not change it. */
    ObjectNode node(ScimResource r);
  }

  private static volatile Resources resources;

  private Access() {}

  /** Called once by {@link ScimResource}'s initializer. */
  public static synchronized void install(Resources r) {
    if (resources != null) {
      throw new IllegalStateException("already installed");
    }
    resources = r;
  }

  /** The accessor, initializing {@link ScimResource} if needed. */
  public static Resources resources() {
    Resources r = resources;
    if (r == null) {
      try {
        Class.forName(ScimResource.class.getName(), true, ScimResource.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      r = resources;
    }
    return r;
  }

  /** Wraps {@code owned} without copying; the caller gives up the node. */
  public static ScimResource wrap(ObjectNode owned) {
    return resources().wrap(owned);
  }

  /** The resource's node without copying; read only. */
  public static ObjectNode node(ScimResource r) {
    return resources().node(r);
  }
}
