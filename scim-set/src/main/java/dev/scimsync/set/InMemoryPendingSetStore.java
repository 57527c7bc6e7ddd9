package dev.scimsync.set;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link PendingSetStore} in memory: SETs are lost on restart. At most {@code maxPerStream} SETs
 * wait per stream; past that the oldest is dropped (and logged), so an absent receiver cannot grow
 * the heap without bound. The last 1,000 rejections per stream are kept for {@link #rejected}.
 */
public final class InMemoryPendingSetStore implements PendingSetStore {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InMemoryPendingSetStore.class);
  private static final int KEPT_REJECTIONS = 1_000;

  private final int maxPerStream;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition added = lock.newCondition();
  private final Map<String, LinkedHashMap<String, String>> streams = new HashMap<>();
  private final Map<String, Deque<Map.Entry<String, SetError>>> rejections = new HashMap<>();

  /** A store keeping up to {@code maxPerStream} SETs per stream. */
  public InMemoryPendingSetStore(int maxPerStream) {
    if (maxPerStream < 1) {
      throw new IllegalArgumentException("maxPerStream must be at least 1");
    }
    this.maxPerStream = maxPerStream;
  }

  @Override
  public void add(String stream, String jti, String signedSet) {
    lock.lock();
    try {
      LinkedHashMap<String, String> s = streams.computeIfAbsent(stream, k -> new LinkedHashMap<>());
      s.putIfAbsent(jti, signedSet);
      if (s.size() > maxPerStream) {
        String oldest = s.keySet().iterator().next();
        s.remove(oldest);
        LOG.warn("stream {} holds more than {} pending SETs; dropped the oldest, {}", stream, maxPerStream, oldest);
      }
      added.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Map<String, String> pending(String stream, int max) {
    lock.lock();
    try {
      Map<String, String> out = new LinkedHashMap<>();
      LinkedHashMap<String, String> s = streams.get(stream);
      if (s != null) {
        for (Map.Entry<String, String> e : s.entrySet()) {
          if (out.size() >= max) {
            break;
          }
          out.put(e.getKey(), e.getValue());
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int count(String stream) {
    lock.lock();
    try {
      LinkedHashMap<String, String> s = streams.get(stream);
      return s == null ? 0 : s.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void acknowledge(String stream, Collection<String> jtis) {
    lock.lock();
    try {
      LinkedHashMap<String, String> s = streams.get(stream);
      if (s != null) {
        jtis.forEach(s::remove);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void reject(String stream, Map<String, SetError> errors) {
    lock.lock();
    try {
      LinkedHashMap<String, String> s = streams.get(stream);
      Deque<Map.Entry<String, SetError>> r = rejections.computeIfAbsent(stream, k -> new ArrayDeque<>());
      errors.forEach((jti, err) -> {
        if (s != null) {
          s.remove(jti);
        }
        r.addLast(Map.entry(jti, err));
        if (r.size() > KEPT_REJECTIONS) {
          r.removeFirst();
        }
      });
    } finally {
      lock.unlock();
    }
  }

  /** The latest rejections of {@code stream}, oldest first: {@code jti} and the receiver's error. */
  public List<Map.Entry<String, SetError>> rejected(String stream) {
    lock.lock();
    try {
      return new ArrayList<>(rejections.getOrDefault(stream, new ArrayDeque<>()));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean await(String stream, Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (count(stream) == 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = added.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** How many polls are waiting for a SET of any stream (for monitoring). */
  public int waiting() {
    lock.lock();
    try {
      return lock.getWaitQueueLength(added);
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every waiting poll, e.g. before shutting down. */
  public void wakeAll() {
    lock.lock();
    try {
      added.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
