package dev.scimsync.filter.eval;

import dev.scimsync.filter.Filter;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A filter compiled by a {@link FilterEvaluator}: a predicate over resources in their JSON form
 * that only reads the resource, never changes it. Immutable and thread-safe; made only by {@link
 * FilterEvaluator#compile(Filter)}, so that code holding a resource's own JSON may pass it to one
 * without a defensive copy.
 */
public final class CompiledFilter implements Predicate<JsonNode> {

  private final Filter filter;
  private final Predicate<JsonNode> test;

  CompiledFilter(Filter filter, Predicate<JsonNode> test) {
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

  /** The filter's text. */
  @Override
  public String toString() {
    return filter.toString();
  }
}
