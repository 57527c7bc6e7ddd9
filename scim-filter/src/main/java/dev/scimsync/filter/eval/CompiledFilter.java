package dev.scimsync.filter.eval;

import dev.scimsync.filter.Filter;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A filter compiled by a {@link FilterEvaluator}: a predicate over resources in their JSON form
 * that only reads the resource, never changes it. Immutable and thread-safe; made only by {@link
 * FilterEvaluator#compile(Filter)}, so that code holding a resource's own JSON may pass it to one
 * without a defensive copy.
 *
 * <p>To test many resources, {@link #matches(JsonNode[], int, int)} and {@link #count(List)} take
 * them in batches: the same answers as {@link #test(JsonNode)} one by one, but each step of the
 * look-ups runs across the batch, so that fetching resources that are not in the processor's
 * cache overlaps instead of waiting for one resource after another.
 */
public final class CompiledFilter implements Predicate<JsonNode> {

  private final Filter filter;
  /** The most resources {@link #matches(JsonNode[], int, int)} takes at once. */
  public static final int MAX_BATCH = Node.BATCH;

  private final Node test;

  CompiledFilter(Filter filter, Node test) {
    this.filter = filter;
    this.test = test;
  }

  /** The filter this was compiled from. */
  public Filter filter() {
    return filter;
  }

  /** Whether {@code resource} matches; reads it only. */
  @Override
  public boolean test(JsonNode resource) {
    return test.test(resource);
  }

  /**
   * Which of {@code resources[from]} to {@code resources[from + count - 1]} match: bit {@code i}
   * of the result is set when {@code resources[from + i]} does. Reads the resources only.
   *
   * @param count at most {@link #MAX_BATCH}
   * @throws IllegalArgumentException when {@code count} is negative or above {@link #MAX_BATCH}
   * @throws IndexOutOfBoundsException when the range lies outside the array
   */
  public long matches(JsonNode[] resources, int from, int count) {
    if (count < 0 || count > MAX_BATCH) {
      throw new IllegalArgumentException("count must be between 0 and " + MAX_BATCH + ": " + count);
    }
    Objects.checkFromIndexSize(from, count, resources.length);
    for (int i = from; i < from + count; i++) {
      Objects.requireNonNull(resources[i], "resource");
    }
    long mask = (1L << count) - 1; // count <= MAX_BATCH < 64
    return test.test(resources, from, mask, new JsonNode[Node.SCRATCH]);
  }

  /** How many of {@code resources} match, tested in batches. Reads the resources only. */
  public int count(List<? extends JsonNode> resources) {
    int size = resources.size();
    @Nullable JsonNode[] batch = new JsonNode[MAX_BATCH];
    @Nullable JsonNode[] scratch = new JsonNode[Node.SCRATCH];
    int n = 0;
    for (int at = 0; at < size; at += MAX_BATCH) {
      int k = Math.min(MAX_BATCH, size - at);
      for (int i = 0; i < k; i++) {
        batch[i] = Objects.requireNonNull(resources.get(at + i), "resource");
      }
      long mask = (1L << k) - 1;
      n += Long.bitCount(test.test(batch, 0, mask, scratch));
    }
    return n;
  }

  /**
   * Which of the rows {@code from} to {@code from + count - 1} of {@code table} match: bit {@code
   * i} of the result is set when row {@code from + i} holds a resource that {@link #test} accepts
   * (an empty row never matches). Attributes are read from the table's columns ({@link
   * ResourceTable}), which this may make.
   *
   * @param count at most {@link #MAX_BATCH}
   * @throws IllegalArgumentException when {@code count} is negative or above {@link #MAX_BATCH}
   * @throws IndexOutOfBoundsException when the range lies outside the table's rows
   */
  public long matches(ResourceTable table, int from, int count) {
    if (count < 0 || count > MAX_BATCH) {
      throw new IllegalArgumentException("count must be between 0 and " + MAX_BATCH + ": " + count);
    }
    Objects.checkFromIndexSize(from, count, table.size());
    return matches(table, from, count, new JsonNode[Node.SCRATCH]);
  }

  private long matches(ResourceTable table, int from, int count, @Nullable JsonNode[] scratch) {
    @Nullable JsonNode[] rows = table.rows();
    long mask = 0;
    for (int i = 0; i < count; i++) {
      if (rows[from + i] != null) {
        mask |= 1L << i;
      }
    }
    return mask == 0 ? 0 : test.test(table, from, mask, scratch);
  }

  /** How many rows of {@code table} match, as {@link #matches(ResourceTable, int, int)} tells. */
  public int count(ResourceTable table) {
    @Nullable JsonNode[] scratch = new JsonNode[Node.SCRATCH];
    int n = 0;
    for (int at = 0, size = table.size(); at < size; at += MAX_BATCH) {
      n += Long.bitCount(matches(table, at, Math.min(MAX_BATCH, size - at), scratch));
    }
    return n;
  }

  /** The filter's text. */
  @Override
  public String toString() {
    return filter.toString();
  }
}
