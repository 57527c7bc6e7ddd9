package dev.scimsync.sync.target;

import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.sync.source.ResourceKind;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where the engine writes: SCIM-shaped users and groups with server-assigned ids. Two
 * implementations come with the module: {@link dev.scimsync.sync.scim.ScimServerTarget} (the
 * application's own stores, through its {@code ScimServer}, so validation, uniqueness, events and
 * audit are those of SCIM requests) and {@link dev.scimsync.sync.scim.ScimClientTarget} (a remote
 * SCIM service).
 *
 * <p>Failures are {@link dev.scimsync.sync.source.DirectoryException}s: CONFLICT on a uniqueness
 * clash, NOT_FOUND for a missing id, RATE_LIMITED/UNAVAILABLE for what the engine retries.
 */
public interface DirectoryTarget {

  /**
   * Every resource of {@code kind}, fetched page by page as the iterator advances, with at least
   * {@code id}, {@code externalId} and the {@code attributes} named (groups without members unless
   * asked).
   */
  Iterator<ObjectNode> list(ResourceKind kind, List<String> attributes);

  /**
   * As {@link #list}, a page at a time: each {@code hasNext()} that needs one fetches one page, so
   * that the engine counts, paces and retries requests rather than resources when it streams the
   * target. The default makes a page of each resource of {@link #list}; targets that read pages
   * override it.
   */
  default Iterator<List<ObjectNode>> listPages(ResourceKind kind, List<String> attributes) {
    Iterator<ObjectNode> it = list(kind, attributes);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public List<ObjectNode> next() {
        return List.of(it.next());
      }
    };
  }

  /** The resource with {@code id} (groups with their members), or empty. */
  Optional<ObjectNode> get(ResourceKind kind, String id);

  /**
   * The resources whose {@code attribute} (e.g. {@code externalId}, {@code userName}) equals one
   * of {@code values}; groups without members.
   */
  List<ObjectNode> find(ResourceKind kind, String attribute, Collection<String> values);

  /**
   * As {@link #find(ResourceKind, String, Collection)}, with at least {@code id}, {@code externalId}
   * and the {@code attributes} named: a target that can leave out the others saves rendering them
   * (the engine's batched lookups ask for the attributes it compares, member lookups for the id).
   */
  default List<ObjectNode> find(ResourceKind kind, String attribute, Collection<String> values,
      List<String> attributes) {
    return find(kind, attribute, values);
  }

  /** Creates {@code resource} and returns it as stored, or at least its {@code id} (all the engine reads). */
  ObjectNode create(ResourceKind kind, ObjectNode resource);

  /** Applies {@code request} to the resource with {@code id}. */
  void patch(ResourceKind kind, String id, PatchRequest request);

  /** Deletes the resource with {@code id}. */
  void delete(ResourceKind kind, String id);
}
