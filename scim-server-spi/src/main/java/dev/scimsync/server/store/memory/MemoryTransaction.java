package dev.scimsync.server.store.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-memory stores' unit of work on one thread, opened by {@link FileOutbox#atomically}: the
 * stores save what each entry was before its first change (so that {@link #rollback} can put it
 * back when a later step of the write fails) and hold back their write notifications (so that the
 * journal records the whole write as one line, at commit, with its outbox transaction number).
 *
 * <p>The saved state is what the store's own writes replace rather than mutate: the document (a
 * copy, small: the delegated members are kept apart), the members map by reference, and for the
 * writes that change members in place (a delta PATCH, a member's removal from every group) the
 * previous value of each member touched, so saving costs O(change), not O(members). A rollback
 * puts the members back as a set; SCIM's multi-valued attributes have no order to keep.
 */
final class MemoryTransaction {

  private static final ThreadLocal<MemoryTransaction> CURRENT = new ThreadLocal<>();

  /** What one entry was before the transaction first changed it. */
  static final class Saved {
    final InMemoryStore store;
    final Tenant tenant;
    final Entry entry;
    /** Created by this transaction: a rollback removes it. */
    final boolean created;
    final @Nullable ObjectNode doc;
    final long version;
    final @Nullable LinkedHashMap<String, ObjectNode> members;
    final @Nullable List<Set<String>> keys;
    final @Nullable String passwordHash;
    final long docBytes;
    final long memberBytes;
    /** Members changed in place in {@link #members}: their values before (null: absent). */
    final Map<String, @Nullable ObjectNode> memberPriors = new HashMap<>();

    Saved(InMemoryStore store, Tenant tenant, Entry e, boolean created) {
      this.store = store;
      this.tenant = tenant;
      this.entry = e;
      this.created = created;
      this.doc = created ? null : e.doc.deepCopy();
      this.version = e.version;
      this.members = e.members;
      this.keys = e.keys;
      this.passwordHash = e.passwordHash;
      this.docBytes = e.docBytes;
      this.memberBytes = e.memberBytes;
    }
  }

  private final Map<Entry, Saved> saved = new LinkedHashMap<>();
  /** Held-back notifications: store, tenant, ids changed. */
  private final Map<InMemoryStore, Map<String, Set<String>>> written = new LinkedHashMap<>();

  private MemoryTransaction() {}

  /** The transaction open on this thread, or null. */
  static @Nullable MemoryTransaction current() {
    return CURRENT.get();
  }

  /** Opens a transaction on this thread; {@link #end()} closes it. */
  static MemoryTransaction begin() {
    if (CURRENT.get() != null) {
      throw new IllegalStateException("a transaction of the in-memory stores is already open on this thread");
    }
    MemoryTransaction tx = new MemoryTransaction();
    CURRENT.set(tx);
    return tx;
  }

  /** Closes this thread's transaction. */
  void end() {
    CURRENT.remove();
  }

  /** Called under the tenant's write lock before {@code e} changes (or right after it was created). */
  void save(InMemoryStore store, Tenant tenant, Entry e, boolean created) {
    saved.computeIfAbsent(e, k -> new Saved(store, tenant, e, created));
  }

  /**
   * Called under the tenant's write lock before the members {@code keys} of {@code e} change in
   * place; {@link #save} was called for {@code e} before.
   */
  void saveMembers(Entry e, Collection<String> keys) {
    Saved s = Objects.requireNonNull(saved.get(e), "save before saveMembers");
    // only changes to the map the entry had at the start matter: a map set by this transaction is dropped whole
    if (s.members == null || e.members != s.members) {
      return;
    }
    for (String k : keys) {
      if (!s.memberPriors.containsKey(k)) {
        ObjectNode was = s.members.get(k);
        s.memberPriors.put(k, was == null ? null : was.deepCopy());
      }
    }
  }

  /** A write the stores would have told their listeners about. */
  void written(InMemoryStore store, String tenant, Collection<String> ids) {
    written.computeIfAbsent(store, k -> new LinkedHashMap<>()).computeIfAbsent(tenant, k -> new LinkedHashSet<>())
        .addAll(ids);
  }

  /** The held-back writes, per store and tenant. */
  Map<InMemoryStore, Map<String, Set<String>>> writes() {
    return written;
  }

  /** Whether the transaction changed nothing. */
  boolean isEmpty() {
    return saved.isEmpty() && written.isEmpty();
  }

  /** Tells the stores' listeners about every held-back write (the path without a journal of its own). */
  void publish() {
    written.forEach((store, byTenant) -> byTenant.forEach((tenant, ids) -> store.tellListeners(tenant, ids)));
  }

  /** Puts every changed entry back as it was, latest change first; the held-back writes are dropped. */
  void rollback() {
    List<Saved> all = new ArrayList<>(saved.values());
    for (int i = all.size() - 1; i >= 0; i--) {
      Saved s = all.get(i);
      s.store.restore(s);
    }
    saved.clear();
    written.clear();
  }
}
