package dev.scimsync.server.store.memory;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.event.outbox.Committed;
import dev.scimsync.server.event.outbox.Delivery;
import dev.scimsync.server.event.outbox.DeliveryLedger;
import dev.scimsync.server.event.outbox.EventOutbox;
import dev.scimsync.server.event.outbox.OutboxEntries;
import dev.scimsync.server.event.outbox.OutboxEntry;
import dev.scimsync.server.store.StoreContext;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outbox of the in-memory stores: events in an append-only file of JSON lines ({@code
 * outbox.jsonl}), delivery state in a second one ({@code deliveries.jsonl}), both forced to disk
 * before a write returns, in a directory of their own (next to an {@link InMemoryJournal}'s files,
 * or a temporary one).
 *
 * <p>A write and the appending of its events happen under one lock, so the outbox holds the
 * events in commit order. The write is a transaction of the in-memory stores: when it throws, or
 * its events or its journal line cannot be written, every entry it changed is put back as it was
 * and nothing is recorded (the client gets the error, 503 for a failed disk). Readers may see the
 * change in the short time before it is undone. Opened on the stores' {@link InMemoryJournal}
 * ({@link #open(Path, InMemoryJournal)}), the events are forced to disk first, tagged with a
 * transaction number, and the journal line holding the write's changes with that number is the
 * commit: at start, events whose transaction the journal does not hold are dropped, so after a
 * crash at any point a change and its events are both there or both gone. Opened without the
 * journal ({@link #open(Path)}), the stores' writes reach their journal, if any, after the
 * events: a crash in between keeps the events of a change that is lost.
 *
 * <p>Claims are held in memory: one process delivers from one file outbox (the files cannot be
 * shared between replicas). After a restart every undelivered event is delivered again. {@link
 * #prune} drops delivered entries and rewrites both files without them (to temporary files forced
 * to disk, then moved over the old ones), so the files stay as large as what is still kept.
 */
public final class FileOutbox implements EventOutbox, DeliveryLedger, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FileOutbox.class);

  private record Key(long sequence, String endpointId) {}

  private record Lease(String owner, Instant until) {
    boolean freeAt(Instant now) {
      return !until.isAfter(now);
    }
  }

  private final ReentrantLock writeLock = new ReentrantLock();
  private final Object state = new Object();
  private final TreeMap<Long, OutboxEntry> entries = new TreeMap<>();
  private final Map<String, Long> byEventId = new HashMap<>();
  private final Set<Long> fannedOut = new HashSet<>();
  private final Map<Key, Delivery> deliveries = new LinkedHashMap<>();
  private final Map<Object, Lease> leases = new HashMap<>();
  private final Path eventsFile;
  private final Path stateFile;
  private FileChannel events;
  private FileChannel log;
  private long lastSequence;
  private final @Nullable InMemoryJournal journal;
  /** The last transaction number given out. */
  private long lastTxn;
  /** Set when an aborted transaction could not be marked: no more writes until a restart. */
  private volatile boolean broken;
  /** For tests: the next append of events fails with this. */
  volatile @Nullable IOException failNextAppend;

  private FileOutbox(Path dir, @Nullable InMemoryJournal journal) throws IOException {
    this.journal = journal;
    Files.createDirectories(dir);
    Path ev = dir.resolve("outbox.jsonl");
    Path dl = dir.resolve("deliveries.jsonl");
    this.eventsFile = ev;
    this.stateFile = dl;
    List<JsonNode> lines = new ArrayList<>();
    readLines(ev, lines::add);
    Set<Long> aborted = new HashSet<>();
    for (JsonNode n : lines) {
      if (n.has("aborted")) {
        aborted.add(n.get("aborted").longValue());
      }
    }
    long committed = journal == null ? Long.MAX_VALUE : journal.committedTxn();
    Set<Long> toAbort = new TreeSet<>();
    for (JsonNode n : lines) {
      if (n.has("aborted")) {
        lastTxn = Math.max(lastTxn, n.get("aborted").longValue());
        continue;
      }
      if (n.has("lastSeq")) {
        // the header of a pruned file: numbers keep growing past the entries it dropped
        lastSequence = Math.max(lastSequence, n.get("lastSeq").longValue());
        lastTxn = Math.max(lastTxn, n.path("lastTxn").asLong(0));
        continue;
      }
      long txn = n.path("txn").asLong(0);
      lastTxn = Math.max(lastTxn, txn);
      lastSequence = Math.max(lastSequence, n.get("seq").longValue());
      if (aborted.contains(txn)) {
        continue;
      }
      if (txn > committed) {
        // forced to disk, but the process died before the journal line that commits the change
        toAbort.add(txn);
        continue;
      }
      loadEntry(n);
    }
    if (journal != null) {
      lastTxn = Math.max(lastTxn, journal.committedTxn());
    }
    readLines(dl, this::loadState);
    this.events = FileChannel.open(ev, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    this.log = FileChannel.open(dl, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (!toAbort.isEmpty()) {
      LOG.warn("dropping the events of {} write(s) that did not commit before the process stopped", toAbort.size());
      StringBuilder marks = new StringBuilder();
      toAbort.forEach(t -> marks.append(ScimJson.write(ScimJson.object().put("aborted", t))).append('\n'));
      append(events, marks.toString());
    }
  }

  /**
   * Opens (creating if needed) the outbox in directory {@code dir}, reading what an earlier
   * process recorded.
   *
   * @throws UncheckedIOException when the directory cannot be read or written
   */
  public static FileOutbox open(Path dir) {
    try {
      return new FileOutbox(dir, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the event outbox in " + dir, e);
    }
  }

  /**
   * Opens (creating if needed) the outbox in directory {@code dir} for the stores that {@code
   * journal} keeps: each write and its events commit together in the journal (see the class
   * comment). Open the journal first; the outbox drops the events of writes it does not hold.
   *
   * @throws UncheckedIOException when the directory cannot be read or written
   */
  public static FileOutbox open(Path dir, InMemoryJournal journal) {
    try {
      return new FileOutbox(dir, Objects.requireNonNull(journal, "journal"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the event outbox in " + dir, e);
    }
  }

  // ---- write side ----

  @Override
  public <T> Committed<T> atomically(StoreContext ctx, Supplier<Committed<T>> work) {
    writeLock.lock();
    Lock journalLock = journal == null ? null : journal.transactionLock();
    if (journalLock != null) {
      journalLock.lock();
    }
    MemoryTransaction tx = MemoryTransaction.begin();
    try {
      if (broken) {
        throw unavailable();
      }
      Committed<T> done;
      try {
        done = work.get();
      } catch (RuntimeException | Error e) {
        tx.rollback();
        throw e;
      }
      if (done.events().isEmpty() && tx.isEmpty()) {
        return done;
      }
      long txn = lastTxn + 1;
      List<OutboxEntry> staged = new ArrayList<>();
      StringBuilder lines = new StringBuilder();
      long seq = lastSequence;
      for (ProvisioningEvent e : done.events()) {
        OutboxEntry entry = OutboxEntries.of(e, done.operation()).withSequence(++seq);
        staged.add(entry);
        lines.append(ScimJson.write(encode(entry, txn))).append('\n');
      }
      if (!staged.isEmpty()) {
        try {
          IOException fault = failNextAppend;
          if (fault != null) {
            failNextAppend = null;
            throw fault;
          }
          append(events, lines.toString());
        } catch (IOException e) {
          tx.rollback();
          LOG.error("cannot write the event outbox: {}", e.toString());
          throw unavailable();
        }
      }
      // the transaction number and the sequences are used up even if the commit below fails
      lastTxn = txn;
      lastSequence = seq;
      try {
        if (journal != null) {
          journal.commit(txn, tx.writes());
        } else {
          tx.publish();
        }
      } catch (RuntimeException e) {
        tx.rollback();
        abort(txn, !staged.isEmpty());
        LOG.error("cannot commit a write to the journal: {}", e.toString());
        throw unavailable();
      }
      synchronized (state) {
        for (OutboxEntry entry : staged) {
          entries.put(entry.sequence(), entry);
          byEventId.put(entry.eventId(), entry.sequence());
        }
      }
      return done;
    } finally {
      tx.end();
      if (journalLock != null) {
        journalLock.unlock();
      }
      writeLock.unlock();
    }
  }

  /** Marks transaction {@code txn} as not committed, so that a restart does not deliver its events. */
  private void abort(long txn, boolean hadEvents) {
    if (!hadEvents) {
      return;
    }
    try {
      append(events, ScimJson.write(ScimJson.object().put("aborted", txn)) + "\n");
    } catch (IOException e) {
      // a later commit would make this transaction's events look committed at the next start
      broken = true;
      LOG.error("cannot mark an aborted write in the event outbox; refusing writes until a restart: {}", e.toString());
    }
  }

  private static ScimException unavailable() {
    return new ScimException(503, null, "the event outbox cannot be written; retry the request");
  }

  // ---- delivery side ----

  @Override
  public List<OutboxEntry> claimNew(String owner, Instant now, Instant leaseUntil, int max) {
    synchronized (state) {
      List<OutboxEntry> out = new ArrayList<>();
      for (OutboxEntry e : entries.values()) {
        if (out.size() >= max) {
          break;
        }
        if (fannedOut.contains(e.sequence())) {
          continue;
        }
        Lease l = leases.get(e.sequence());
        if (l == null || l.freeAt(now) || l.owner().equals(owner)) {
          leases.put(e.sequence(), new Lease(owner, leaseUntil));
          out.add(e);
        }
      }
      return out;
    }
  }

  @Override
  public boolean fanOut(String owner, long sequence, Collection<String> endpointIds, Instant now) {
    synchronized (state) {
      if (!holds(sequence, owner) || fannedOut.contains(sequence)) {
        return false;
      }
      // holds(sequence, owner) above: the entry exists
      OutboxEntry e = Objects.requireNonNull(entries.get(sequence), "held entry");
      StringBuilder lines = new StringBuilder();
      List<Delivery> added = new ArrayList<>();
      for (String endpoint : endpointIds) {
        if (!deliveries.containsKey(new Key(sequence, endpoint))) {
          Delivery d = new Delivery(e, endpoint, Delivery.State.PENDING, 0, now, now, null);
          added.add(d);
          lines.append(ScimJson.write(encode(d))).append('\n');
        }
      }
      lines.append(ScimJson.write(ScimJson.object().put("fanned", sequence))).append('\n');
      writeState(lines);
      for (Delivery d : added) {
        deliveries.put(new Key(sequence, d.endpointId()), d);
      }
      fannedOut.add(sequence);
      leases.remove(sequence);
      return true;
    }
  }

  @Override
  public List<Delivery> claimDue(String owner, Instant now, Instant leaseUntil, int max) {
    synchronized (state) {
      List<Delivery> due = new ArrayList<>();
      for (Map.Entry<Key, Delivery> d : deliveries.entrySet()) {
        Delivery v = d.getValue();
        if (v.state() != Delivery.State.PENDING || v.nextAttemptAt().isAfter(now)) {
          continue;
        }
        Lease l = leases.get(d.getKey());
        if (l == null || l.freeAt(now)) {
          due.add(v);
        }
      }
      due.sort(Comparator.comparingLong((Delivery d) -> d.entry().sequence()).thenComparing(Delivery::endpointId));
      List<Delivery> out = due.size() > max ? due.subList(0, max) : due;
      for (Delivery d : out) {
        leases.put(new Key(d.entry().sequence(), d.endpointId()), new Lease(owner, leaseUntil));
      }
      return new ArrayList<>(out);
    }
  }

  @Override
  public boolean record(String owner, Delivery delivery, Delivery.State newState, Instant nextAttemptAt,
      @Nullable String error, Instant now) {
    Key key = new Key(delivery.entry().sequence(), delivery.endpointId());
    synchronized (state) {
      Delivery current = deliveries.get(key);
      if (current == null || !holds(key, owner)) {
        return false;
      }
      Delivery next = new Delivery(current.entry(), current.endpointId(), newState, current.attempts() + 1,
          current.scheduledAt(), nextAttemptAt, error);
      writeState(new StringBuilder(ScimJson.write(encode(next))).append('\n'));
      deliveries.put(key, next);
      leases.remove(key);
      return true;
    }
  }

  @Override
  public void schedule(long sequence, String endpointId, Instant now) {
    synchronized (state) {
      OutboxEntry e = entries.get(sequence);
      if (e == null) {
        return;
      }
      Key key = new Key(sequence, endpointId);
      Delivery d = new Delivery(e, endpointId, Delivery.State.PENDING, 0, now, now, null);
      writeState(new StringBuilder(ScimJson.write(encode(d))).append('\n'));
      deliveries.put(key, d);
      leases.remove(key);
    }
  }

  @Override
  public List<Delivery> deadLetters(int max) {
    synchronized (state) {
      return deliveries.values().stream().filter(d -> d.state() == Delivery.State.DEAD)
          .sorted(Comparator.comparingLong(d -> d.entry().sequence())).limit(max).toList();
    }
  }

  @Override
  public List<Delivery> deliveries(String eventId) {
    synchronized (state) {
      Long seq = byEventId.get(eventId);
      if (seq == null) {
        return List.of();
      }
      return deliveries.values().stream().filter(d -> d.entry().sequence() == seq).toList();
    }
  }

  @Override
  public Optional<OutboxEntry> entry(String eventId) {
    synchronized (state) {
      Long seq = byEventId.get(eventId);
      return seq == null ? Optional.empty() : Optional.of(Objects.requireNonNull(entries.get(seq), "byEventId indexes entries"));
    }
  }

  @Override
  public List<OutboxEntry> entries(Instant from, Instant to, int max) {
    synchronized (state) {
      return entries.values().stream()
          .filter(e -> !e.occurredAt().isBefore(from) && e.occurredAt().isBefore(to)).limit(max).toList();
    }
  }

  @Override
  public int prune(Instant before, int max) {
    // no write appends while the files are replaced
    writeLock.lock();
    try {
      synchronized (state) {
        Map<Long, Boolean> allDelivered = new HashMap<>();
        for (Delivery d : deliveries.values()) {
          allDelivered.merge(d.entry().sequence(), d.state() == Delivery.State.DELIVERED, Boolean::logicalAnd);
        }
        List<Long> gone = new ArrayList<>();
        for (OutboxEntry e : entries.values()) {
          if (gone.size() >= max) {
            break;
          }
          long seq = e.sequence();
          if (e.occurredAt().isBefore(before) && fannedOut.contains(seq) && allDelivered.getOrDefault(seq, true)
              && !leases.containsKey(seq)) {
            gone.add(seq);
          }
        }
        if (gone.isEmpty()) {
          return 0;
        }
        for (Long seq : gone) {
          OutboxEntry e = entries.remove(seq);
          if (e != null) {
            byEventId.remove(e.eventId());
          }
          fannedOut.remove(seq);
        }
        Set<Long> dropped = new HashSet<>(gone);
        deliveries.keySet().removeIf(k -> dropped.contains(k.sequence()));
        rewrite();
        return gone.size();
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Replaces both files with what is kept in memory; the caller holds both locks. */
  private void rewrite() {
    StringBuilder ev = new StringBuilder();
    ObjectNode header = ScimJson.object();
    header.put("lastSeq", lastSequence);
    header.put("lastTxn", lastTxn);
    ev.append(ScimJson.write(header)).append('\n');
    // kept entries committed before: transaction 0 is committed for any journal
    entries.values().forEach(e -> ev.append(ScimJson.write(encode(e, 0))).append('\n'));
    StringBuilder dl = new StringBuilder();
    deliveries.values().forEach(d -> dl.append(ScimJson.write(encode(d))).append('\n'));
    fannedOut.forEach(seq -> dl.append(ScimJson.write(ScimJson.object().put("fanned", seq))).append('\n'));
    try {
      events.close();
      log.close();
      // the entries first: a crash before the second move leaves delivery lines of dropped entries, which are ignored
      replace(eventsFile, ev.toString());
      replace(stateFile, dl.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite the event outbox", e);
    } finally {
      try {
        events = FileChannel.open(eventsFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        log = FileChannel.open(stateFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        broken = true;
        LOG.error("cannot reopen the event outbox after pruning; refusing writes until a restart: {}", e.toString());
      }
    }
  }

  private static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    InMemorySnapshot.writeSynced(tmp, text.getBytes(StandardCharsets.UTF_8));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Closes the files. */
  @Override
  public void close() {
    try {
      events.close();
      log.close();
    } catch (IOException e) {
      LOG.warn("closing the event outbox: {}", e.toString());
    }
  }

  // ---- files ----

  private boolean holds(Object key, String owner) {
    Lease l = leases.get(key);
    return l != null && l.owner().equals(owner);
  }

  private void writeState(StringBuilder lines) {
    try {
      append(log, lines.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the outbox's delivery state", e);
    }
  }

  private static void append(FileChannel ch, String text) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    ch.force(false);
  }

  private static ObjectNode encode(OutboxEntry e, long txn) {
    ObjectNode o = ScimJson.object();
    o.put("txn", txn);
    o.put("seq", e.sequence());
    o.put("id", e.eventId());
    o.put("tenant", e.tenantId());
    o.put("type", e.type());
    o.put("resourceType", e.resourceType());
    o.put("resourceId", e.resourceId());
    o.put("key", e.orderingKey());
    o.put("at", e.occurredAt().toString());
    o.put("payload", e.payload());
    return o;
  }

  private static ObjectNode encode(Delivery d) {
    ObjectNode o = ScimJson.object();
    o.put("seq", d.entry().sequence());
    o.put("endpoint", d.endpointId());
    o.put("state", d.state().name());
    o.put("attempts", d.attempts());
    o.put("scheduled", d.scheduledAt().toString());
    o.put("next", d.nextAttemptAt().toString());
    if (d.lastError() != null) {
      o.put("error", d.lastError());
    }
    return o;
  }

  private void loadEntry(JsonNode n) {
    OutboxEntry e = new OutboxEntry(n.get("seq").longValue(), n.get("id").stringValue(), n.get("tenant").stringValue(),
        n.get("type").stringValue(), n.get("resourceType").stringValue(), n.get("resourceId").stringValue(),
        n.get("key").stringValue(), Instant.parse(n.get("at").stringValue()), n.get("payload").stringValue());
    entries.put(e.sequence(), e);
    byEventId.put(e.eventId(), e.sequence());
    lastSequence = Math.max(lastSequence, e.sequence());
  }

  private void loadState(JsonNode n) {
    if (n.has("fanned")) {
      fannedOut.add(n.get("fanned").longValue());
      return;
    }
    long seq = n.get("seq").longValue();
    OutboxEntry e = entries.get(seq);
    if (e == null) {
      return;
    }
    JsonNode err = n.get("error");
    Delivery d = new Delivery(e, n.get("endpoint").stringValue(), Delivery.State.valueOf(n.get("state").stringValue()),
        n.get("attempts").intValue(), Instant.parse(n.get("scheduled").stringValue()),
        Instant.parse(n.get("next").stringValue()), err == null ? null : err.stringValue());
    deliveries.put(new Key(seq, d.endpointId()), d);
  }

  /** Cuts a last line without its newline, so that the next append starts on a line of its own. */
  static void dropTornTail(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long end = ch.size();
      ByteBuffer one = ByteBuffer.allocate(1);
      long keep = end;
      while (keep > 0) {
        one.clear();
        ch.read(one, keep - 1);
        if (one.get(0) == '\n') {
          break;
        }
        keep--;
      }
      if (keep < end) {
        LOG.warn("dropping a torn last line of {} bytes in {}", end - keep, file);
        ch.truncate(keep);
        ch.force(true);
      }
    }
  }

  private interface LineReader {
    void accept(JsonNode line);
  }

  /** Reads JSON lines; a torn last line (a crash in mid-append) is dropped. */
  private static void readLines(Path file, LineReader reader) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    dropTornTail(file);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          reader.accept(ScimJson.parse(line));
        }
      }
    }
  }
}
