package dev.scimsync.server.store.memory;

import dev.scimsync.core.json.ScimJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Saves in-memory stores to a JSON file and loads them back, so that a restart loses nothing.
 *
 * <p>Format: {@code {"format": "scimsync-memory-snapshot", "formatVersion": 1, "stores": {"User":
 * {"<tenant>": {"nextSeq": n, "resources": [{"seq": s, "resource": {...}, "passwordHash": "..."}]}},
 * "Group": ...}}}: every resource as stored (with {@code id}, {@code meta} and, for groups, {@code
 * members}) and its position in the default order, so ids, versions, timestamps and order survive.
 * A user's password is written only as its salted hash, never in clear text (a clear-text password
 * in an older snapshot is hashed on load). Stores are
 * keyed by resource type, so two stores of one type cannot share a file.
 *
 * <p>The file is written atomically: to a temporary file in the same directory, forced to disk,
 * then moved over the old one ({@link StandardCopyOption#ATOMIC_MOVE}), so a crash leaves the old
 * or the new snapshot, never half of one. A resource's {@code password} is never written. For no
 * loss of acknowledged writes between snapshots, use {@link InMemoryJournal}; {@link #autoSave}
 * loses what was written since the last save. Each tenant is read under its lock; the snapshot is consistent per
 * tenant and store, not across them.
 */
public final class InMemorySnapshot {

  private static final Logger LOG = LoggerFactory.getLogger(InMemorySnapshot.class);
  static final String FORMAT = "scimsync-memory-snapshot";

  private InMemorySnapshot() {}

  /** Writes every tenant's data of {@code stores} to {@code file}, atomically. */
  public static void save(Path file, InMemoryStore... stores) throws IOException {
    write(file, export(0, stores));
  }

  /**
   * Every tenant's data of {@code stores} as a snapshot document; {@code txn}, when positive, is
   * the last outbox transaction the data holds ({@link InMemoryJournal}).
   */
  static ObjectNode export(long txn, InMemoryStore... stores) {
    ObjectNode root = ScimJson.object();
    root.put("format", FORMAT);
    root.put("formatVersion", 1);
    if (txn > 0) {
      root.put("txn", txn);
    }
    ObjectNode all = root.putObject("stores");
    for (InMemoryStore s : stores) {
      if (all.has(s.resourceType())) {
        throw new IllegalArgumentException("two stores of type " + s.resourceType());
      }
      ObjectNode tenants = s.exportTenants();
      for (JsonNode tenant : tenants) {
        for (JsonNode entry : tenant.path("resources")) {
          withoutSecrets(entry);
        }
      }
      all.set(s.resourceType(), tenants);
    }
    return root;
  }

  /** Writes a snapshot document to {@code file}, atomically. */
  static void write(Path file, ObjectNode root) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
    try {
      writeSynced(tmp, ScimJson.writeBytes(root));
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Removes a resource's {@code password} (any case) from a saved entry: nothing on disk holds one. */
  static ObjectNode withoutSecrets(JsonNode entry) {
    if (entry.get("resource") instanceof ObjectNode r) {
      List<String> drop = new ArrayList<>();
      for (String name : r.propertyNames()) {
        if (name.equalsIgnoreCase("password")) {
          drop.add(name);
        }
      }
      r.remove(drop);
    }
    return (ObjectNode) entry;
  }

  /** Writes {@code bytes} to {@code file} and forces them to the disk. */
  static void writeSynced(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.CREATE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  /**
   * Deletes the temporary files a save interrupted by a crash left next to {@code file} ({@code
   * FILE…​.tmp}); returns how many.
   */
  static int removeStaleTemporaryFiles(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return 0;
    }
    String prefix = target.getFileName().toString();
    int n = 0;
    try (DirectoryStream<Path> tmps = Files.newDirectoryStream(dir, p -> {
      String name = p.getFileName().toString();
      return name.startsWith(prefix) && name.endsWith(".tmp");
    })) {
      for (Path p : tmps) {
        Files.deleteIfExists(p);
        n++;
      }
    }
    if (n > 0) {
      LOG.info("removed {} temporary file(s) left by an interrupted save of {}", n, target);
    }
    return n;
  }

  /**
   * Replaces the data of {@code stores} with what {@code file} holds for their resource types (a
   * type the file lacks leaves its store empty). Call before the stores serve requests.
   *
   * @return false, changing nothing, when the file does not exist
   */
  public static boolean load(Path file, InMemoryStore... stores) throws IOException {
    JsonNode all = read(file);
    if (all == null) {
      return false;
    }
    for (InMemoryStore s : stores) {
      JsonNode data = all.get(s.resourceType());
      s.importTenants(data == null ? ScimJson.object() : data);
    }
    return true;
  }

  /** The {@code stores} object of the snapshot in {@code file}, or null when there is no file. */
  static @Nullable ObjectNode read(Path file) throws IOException {
    ObjectNode root = readRoot(file);
    return root == null ? null : root.path("stores") instanceof ObjectNode o ? o : ScimJson.object();
  }

  /** The whole snapshot document in {@code file}, or null when there is no file. */
  static @Nullable ObjectNode readRoot(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    ObjectNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = ScimJson.parseObject(in);
    }
    JsonNode format = root.get("format");
    if (format == null || !FORMAT.equals(format.stringValue()) || root.path("formatVersion").asInt() != 1) {
      throw new IOException(file + " is not a scimsync in-memory snapshot (format version 1)");
    }
    return root;
  }

  /**
   * Loads {@code file} into {@code stores} if it exists, then saves them to it after every write,
   * at most once per {@code debounce} (writes in between are coalesced into the next save). Close
   * the returned handle to stop and save a last time.
   */
  public static AutoSave autoSave(Path file, Duration debounce, InMemoryStore... stores) throws IOException {
    removeStaleTemporaryFiles(file);
    load(file, stores);
    return new AutoSave(file, debounce, stores);
  }

  /** Saves stores after writes; see {@link #autoSave}. */
  public static final class AutoSave implements AutoCloseable {
    private final Path file;
    private final long debounceMillis;
    private final List<InMemoryStore> stores;
    private final ScheduledExecutorService timer;
    private final InMemoryStore.WriteListener listener = (tenant, ids) -> schedule();
    private final Object saveLock = new Object();
    private @Nullable ScheduledFuture<?> pending;
    private boolean closed;

    private AutoSave(Path file, Duration debounce, InMemoryStore... stores) {
      this.file = Objects.requireNonNull(file, "file");
      this.debounceMillis = Math.max(0, debounce.toMillis());
      this.stores = List.of(stores);
      this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scimsync-snapshot");
        t.setDaemon(true);
        return t;
      });
      this.stores.forEach(s -> s.addWriteListener(listener));
    }

    private synchronized void schedule() {
      if (closed || pending != null) {
        return;
      }
      pending = timer.schedule(this::saveScheduled, debounceMillis, TimeUnit.MILLISECONDS);
    }

    private void saveScheduled() {
      synchronized (this) {
        pending = null;
      }
      try {
        saveNow();
      } catch (IOException | UncheckedIOException e) {
        LOG.error("could not save the in-memory stores to {}", file, e);
      }
    }

    /** Saves now. */
    public void saveNow() throws IOException {
      synchronized (saveLock) {
        save(file, stores.toArray(new InMemoryStore[0]));
      }
    }

    /** Stops saving after writes and saves once more. */
    @Override
    public void close() throws IOException {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
        if (pending != null) {
          pending.cancel(false);
        }
      }
      stores.forEach(s -> s.removeWriteListener(listener));
      timer.shutdown();
      try {
        timer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      saveNow();
    }
  }
}
