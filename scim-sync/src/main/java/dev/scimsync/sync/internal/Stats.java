package dev.scimsync.sync.internal;

import dev.scimsync.sync.ChangeCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The counters of one run; one thread writes them. */
public final class Stats {
  public long pages;
  public long records;
  public long sourceRequests;
  public long targetRequests;
  public long creates;
  public long updates;
  public long deactivations;
  public long deletes;
  public long memberAdds;
  public long memberRemoves;
  public long rateLimitWaits;
  public Duration waited = Duration.ZERO;
  public final Map<String, List<String>> examples = new LinkedHashMap<>();
  public final List<String> errors = new ArrayList<>();
  private final int maxExamples;

  public Stats(int maxExamples) {
    this.maxExamples = maxExamples;
  }

  /** Keeps {@code text} as an example of {@code kind} while there are fewer than the limit. */
  public void example(String kind, String text) {
    List<String> l = examples.computeIfAbsent(kind, k -> new ArrayList<>());
    if (l.size() < maxExamples) {
      l.add(text);
    }
  }

  /** Records an error message, keeping the last 50. */
  public void error(String message) {
    if (errors.size() >= 50) {
      errors.remove(0);
    }
    errors.add(message);
  }

  public ChangeCounts changes() {
    return new ChangeCounts(creates, updates, deactivations, deletes, memberAdds, memberRemoves);
  }
}
