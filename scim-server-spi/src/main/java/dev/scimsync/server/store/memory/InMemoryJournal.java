package dev.scimsync.server.store.memory;

import dev.scimsync.core.json.ScimJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps in-memory stores in a snapshot file plus an append-only change log, so that no
 * acknowledged write is lost, whatever the size of the data.
 *
 * <p>Every write appends the changed resources' new state (or their deletion) to {@code
 * FILE.log} as one JSON line and forces it to the disk before the write returns, so a write the
 * client has seen acknowledged survives a crash, {@code kill -9} or power loss (as far as the
 * disk honours {@code fsync}). When the log has grown past a threshold, it is folded into a new
 * snapshot in the background (written to a temporary file, forced to disk, then moved over the
 * old one); a write never waits for a snapshot. At start, the snapshot is read, then the logs
 * are replayed, a torn last line (a crash in mid-append) is ignored, and temporary files left by
 * an interrupted snapshot are deleted. Passwords are never written (a resource's {@code password}
 * is dropped from every record).
 *
 * <p>Each record holds the whole state of a resource, read under the log's lock after the write,
 * so the last record of a resource always shows its latest state; replaying a record that the
 * snapshot already holds is harmless.
 *
 * <p>With a {@link FileOutbox} opened on it ({@link FileOutbox#open(Path, InMemoryJournal)}), a
 * write made through the outbox is logged as one line holding every resource it changed and the
 * number of its outbox transaction: that line, forced to disk, is the write's commit. The outbox
 * drops at start the events of a transaction the log does not hold, so a change and its events
 * survive a crash together or not at all. A snapshot records the last transaction it holds and
 * is taken between two such writes (they wait while the stores are copied in memory, not while
 * the snapshot is written).
 */
public final class InMemoryJournal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryJournal.class);

  /** Log size beyond which a new snapshot is taken, by default. */
  public static final long DEFAULT_COMPACT_BYTES = 16L << 20;

  private final Path snapshot;
  private final Path log;
  private final Path oldLog;
  private final Map<String, InMemoryStore> stores = new LinkedHashMap<>();
  private final Map<InMemoryStore, InMemoryStore.WriteListener> listeners = new HashMap<>();
  private final long compactBytes;
  private final ExecutorService compactor;
  private final Object saveLock = new Object();
  /** Held (shared) by each outbox transaction, (exclusive) while a snapshot copies the stores. */
  private final ReentrantReadWriteLock transactions = new ReentrantReadWriteLock();
  private long lastTxn;
  private FileChannel channel;
  private long logBytes;
  private boolean compacting;
  private boolean closed;

  // channel is opened by recover(), which open() runs before it hands the journal out
  @SuppressWarnings("NullAway.Init")
  private InMemoryJournal(Path file, long compactBytes, InMemoryStore... stores) {
    this.snapshot = file.toAbsolutePath();
    this.log = snapshot.resolveSibling(snapshot.getFileName() + ".log");
    this.oldLog = snapshot.resolveSibling(snapshot.getFileName() + ".log.1");
    this.compactBytes = compactBytes;
    for (InMemoryStore s : stores) {
      if (this.stores.put(s.resourceType(), s) != null) {
        throw new IllegalArgumentException("two stores of type " + s.resourceType());
      }
    }
    this.compactor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "scimsync-snapshot");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Loads {@code file} and its change log into {@code stores} (each empty before), then logs
   * every write; close it to take a last snapshot and stop.
   */
  public static InMemoryJournal open(Path file, InMemoryStore... stores) throws IOException {
    return open(file, DEFAULT_COMPACT_BYTES, stores);
  }

  /** As {@link #open(Path, InMemoryStore...)}, taking a snapshot when the log passes {@code compactBytes}. */
  public static InMemoryJournal open(Path file, long compactBytes, InMemoryStore... stores) throws IOException {
    InMemoryJournal j = new InMemoryJournal(Objects.requireNonNull(file, "file"), compactBytes, stores);
    j.recover();
    return j;
  }

  private void recover() throws IOException {
    Files.createDirectories(snapshot.getParent());
    InMemorySnapshot.removeStaleTemporaryFiles(snapshot);
    ObjectNode root = InMemorySnapshot.readRoot(snapshot);
    ObjectNode all = root == null ? null : root.path("stores") instanceof ObjectNode o ? o : ScimJson.object();
    if (root != null) {
      lastTxn = root.path("txn").asLong(0);
    }
    // type -> tenant -> id -> entry, in the snapshot's order
    Map<String, Map<String, Map<String, ObjectNode>>> state = new HashMap<>();
    Map<String, Map<String, Long>> nextSeq = new HashMap<>();
    for (String type : stores.keySet()) {
      Map<String, Map<String, ObjectNode>> tenants = new LinkedHashMap<>();
      state.put(type, tenants);
      nextSeq.put(type, new HashMap<>());
      JsonNode data = all == null ? null : all.get(type);
      if (data == null) {
        continue;
      }
      for (Map.Entry<String, JsonNode> te : data.properties()) {
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (JsonNode e : te.getValue().path("resources")) {
          byId.put(e.path("resource").path("id").stringValue(), (ObjectNode) e);
        }
        tenants.put(te.getKey(), byId);
        nextSeq.get(type).put(te.getKey(), te.getValue().path("nextSeq").asLong(1));
      }
    }
    if (Files.exists(log)) {
      // a line torn by a crash would otherwise swallow the next record appended after it
      FileOutbox.dropTornTail(log);
    }
    int replayed = replay(oldLog, state, nextSeq) + replay(log, state, nextSeq);
    if (replayed > 0) {
      lastTxn = Math.max(lastTxn, Math.max(lastTxnIn(oldLog), lastTxnIn(log)));
    }
    for (Map.Entry<String, InMemoryStore> s : stores.entrySet()) {
      ObjectNode data = ScimJson.object();
      Objects.requireNonNull(state.get(s.getKey()), "every store's type has a state").forEach((tenant, byId) -> {
        ObjectNode tj = data.putObject(tenant);
        long max = byId.values().stream().mapToLong(e -> e.path("seq").asLong()).max().orElse(0);
        tj.put("nextSeq", Math.max(max + 1, Objects.requireNonNull(nextSeq.get(s.getKey()), "every store's type has a nextSeq").getOrDefault(tenant, 1L)));
        ArrayNode arr = tj.putArray("resources");
        byId.values().stream().sorted((a, b) -> Long.compare(a.path("seq").asLong(), b.path("seq").asLong()))
            .forEach(arr::add);
      });
      s.getValue().importTenants(data);
    }
    if (replayed > 0) {
      LOG.info("replayed {} change(s) from the log of {}", replayed, snapshot);
    }
    channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    logBytes = channel.size();
    for (InMemoryStore s : stores.values()) {
      InMemoryStore.WriteListener l = (tenant, ids) -> append(s, tenant, ids);
      listeners.put(s, l);
      s.addWriteListener(l);
    }
  }

  /** The last transaction number in a log's complete lines, 0 when none. */
  private static long lastTxnIn(Path file) throws IOException {
    long last = 0;
    if (!Files.exists(file)) {
      return last;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        try {
          last = Math.max(last, ScimJson.parseObject(line.getBytes(StandardCharsets.UTF_8)).path("txn").asLong(0));
        } catch (RuntimeException e) {
          break;
        }
      }
    }
    return last;
  }

  private static int replay(Path file, Map<String, Map<String, Map<String, ObjectNode>>> state,
      Map<String, Map<String, Long>> nextSeq) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    int n = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        ObjectNode rec;
        try {
          rec = ScimJson.parseObject(line.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
          // a line cut short by a crash: the write it held was never acknowledged
          LOG.warn("ignoring a torn record at the end of {}", file);
          break;
        }
        if (rec.get("changes") instanceof ArrayNode changes) {
          // one outbox transaction: all of its changes, or (torn, above) none
          for (JsonNode c : changes) {
            apply((ObjectNode) c, state, nextSeq);
          }
        } else {
          apply(rec, state, nextSeq);
        }
        n++;
      }
    }
    return n;
  }

  private static void apply(ObjectNode rec, Map<String, Map<String, Map<String, ObjectNode>>> state,
      Map<String, Map<String, Long>> nextSeq) {
    String type = rec.path("type").stringValue();
    Map<String, Map<String, ObjectNode>> tenants = state.get(type);
    if (tenants == null) {
      return;
    }
    String tenant = rec.path("tenant").stringValue();
    Map<String, ObjectNode> byId = tenants.computeIfAbsent(tenant, k -> new LinkedHashMap<>());
    String id = rec.path("id").stringValue();
    if (rec.get("entry") instanceof ObjectNode entry) {
      byId.put(id, entry);
    } else {
      byId.remove(id);
    }
    if (rec.has("nextSeq")) {
      Objects.requireNonNull(nextSeq.get(type), "a type with a state has a nextSeq").merge(tenant, rec.get("nextSeq").asLong(), Math::max);
    }
  }

  /** One resource's change as a log record: its state now, or its absence. */
  private static ObjectNode record(InMemoryStore store, String tenant, String id) {
    ObjectNode rec = ScimJson.object();
    rec.put("type", store.resourceType());
    rec.put("tenant", tenant);
    rec.put("id", id);
    ObjectNode entry = store.exportEntry(tenant, id);
    if (entry != null) {
      rec.set("entry", InMemorySnapshot.withoutSecrets(entry));
    }
    return rec;
  }

  /** The last outbox transaction the log and snapshot hold (0: none). */
  synchronized long committedTxn() {
    return lastTxn;
  }

  /** Held shared by an outbox transaction from its first change to its commit or rollback. */
  Lock transactionLock() {
    return transactions.readLock();
  }

  /**
   * Commits outbox transaction {@code txn}: logs every resource {@code writes} names as one line
   * and forces it to disk.
   *
   * @throws UncheckedIOException when the line cannot be written (the caller rolls back)
   */
  void commit(long txn, Map<InMemoryStore, Map<String, Set<String>>> writes) {
    boolean compact;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the journal " + snapshot + " is closed");
      }
      ObjectNode line = ScimJson.object();
      line.put("txn", txn);
      ArrayNode changes = line.putArray("changes");
      writes.forEach((store, byTenant) -> byTenant.forEach((tenant, ids) -> ids.forEach(
          id -> changes.add(record(store, tenant, id)))));
      write(new String(ScimJson.writeBytes(line), StandardCharsets.UTF_8) + "\n");
      lastTxn = Math.max(lastTxn, txn);
      compact = startCompaction();
    }
    if (compact) {
      compactor.execute(this::compactQuietly);
    }
  }

  /** Appends to the log and forces it to disk; the caller holds this journal's lock. */
  private void write(String lines) {
    try {
      ByteBuffer buf = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        logBytes += channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      // the write is in memory but not on disk: fail the request rather than acknowledge it
      throw new UncheckedIOException("could not write the change log " + log, e);
    }
  }

  /** Whether the log has grown past the threshold and no snapshot runs; the caller holds the lock. */
  private boolean startCompaction() {
    boolean compact = logBytes > compactBytes && !compacting;
    if (compact) {
      compacting = true;
    }
    return compact;
  }

  private void append(InMemoryStore store, String tenant, Collection<String> ids) {
    boolean compact;
    synchronized (this) {
      if (closed) {
        return;
      }
      StringBuilder lines = new StringBuilder();
      for (String id : ids) {
        lines.append(new String(ScimJson.writeBytes(record(store, tenant, id)), StandardCharsets.UTF_8)).append('\n');
      }
      write(lines.toString());
      compact = startCompaction();
    }
    if (compact) {
      compactor.execute(this::compactQuietly);
    }
  }

  private void compactQuietly() {
    try {
      compact();
    } catch (IOException | RuntimeException e) {
      LOG.error("could not take a snapshot of the in-memory stores to {}", snapshot, e);
    } finally {
      synchronized (this) {
        compacting = false;
      }
    }
  }

  /**
   * Takes a snapshot and drops the log it makes redundant: the log is moved aside (appends go on
   * into a new one), the snapshot is written, then the old log is deleted. A crash at any step
   * leaves a snapshot and logs whose replay gives the latest state.
   */
  public void compact() throws IOException {
    synchronized (saveLock) {
      ObjectNode root;
      // no outbox transaction is half done while the stores are copied: the snapshot holds
      // exactly the transactions up to its "txn"
      transactions.writeLock().lock();
      try {
        long txn;
        synchronized (this) {
          if (closed) {
            return;
          }
          if (!Files.exists(oldLog)) {
            channel.close();
            Files.move(log, oldLog, StandardCopyOption.ATOMIC_MOVE);
            channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
            logBytes = 0;
          }
          txn = lastTxn;
        }
        root = InMemorySnapshot.export(txn, stores.values().toArray(new InMemoryStore[0]));
      } finally {
        transactions.writeLock().unlock();
      }
      InMemorySnapshot.write(snapshot, root);
      Files.deleteIfExists(oldLog);
    }
  }

  /** The change log's path ({@code FILE.log}). */
  public Path logFile() {
    return log;
  }

  /** Stops logging, takes a last snapshot and removes the logs. */
  @Override
  public void close() throws IOException {
    listeners.forEach(InMemoryStore::removeWriteListener);
    compactor.shutdown();
    try {
      compactor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    compact();
    synchronized (this) {
      closed = true;
      channel.close();
    }
  }

  /** Waits until the background snapshots asked for so far are done (for tests). */
  void awaitSnapshots() throws InterruptedException {
    try {
      // one thread: a no-op queued now runs after every snapshot queued before it
      compactor.submit(() -> { }).get();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.RejectedExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The stores by resource type (for tests). */
  List<InMemoryStore> stores() {
    return List.copyOf(stores.values());
  }
}
