package dev.scimsync.core.internal;

import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.resource.ScimResource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
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

    /** Wraps a node that nobody else holds, with a value derived from it to keep. */
    ScimResource wrap(ObjectNode owned, @Nullable Object memo);

    /** What an engine kept with the resource (derived from its node alone), or null. */
    @Nullable Object memo(ScimResource r);

    /** Keeps {@code memo}, derived from the resource's node alone, with the resource. */
    void memo(ScimResource r, Object memo);
  }

  /** What {@link PatchOperation} grants: its value without the copy its accessor makes. */
  public interface Operations {
    /** The operation's own value node, or null; callers must not change it. */
    @Nullable JsonNode value(PatchOperation op);
  }

  private static volatile Resources resources;
  private static volatile Operations operations;

  private Access() {}

  /** Called once by {@link ScimResource}'s initializer. */
  public static synchronized void install(Resources r) {
    if (resources != null) {
      throw new IllegalStateException("already installed");
    }
    resources = r;
  }

  /** Called once by {@link PatchOperation}'s initializer. */
  public static synchronized void install(Operations o) {
    if (operations != null) {
      throw new IllegalStateException("already installed");
    }
    operations = o;
  }

  /**
   * The value of {@code op} without copying it; read only. The PATCH engine changes only nodes it
   * made, so it may read the operation's own value: the operation never hands it out or changes it.
   */
  public static @Nullable JsonNode value(PatchOperation op) {
    // an instance exists, so its class is initialized and has installed the accessor
    return operations.value(op);
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

  /**
   * Wraps {@code owned} without copying, keeping {@code memo} with it: a value derived from the
   * node alone (an index of a long list), which may be recomputed at any time, so it is safe to
   * keep with an immutable resource.
   */
  public static ScimResource wrap(ObjectNode owned, @Nullable Object memo) {
    return resources().wrap(owned, memo);
  }

  /** What an engine kept with {@code r} (see {@link #wrap(ObjectNode, Object)}), or null. */
  public static @Nullable Object memo(ScimResource r) {
    return resources().memo(r);
  }

  /** Keeps {@code memo} with {@code r}, replacing what was kept; see {@link #wrap(ObjectNode, Object)}. */
  public static void memo(ScimResource r, Object memo) {
    resources().memo(r, memo);
  }

  /** The resource's node without copying; read only. */
  public static ObjectNode node(ScimResource r) {
    return resources().node(r);
  }
}
