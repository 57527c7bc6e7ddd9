package dev.scimsync.filter.eval;

import dev.scimsync.filter.internal.JsonNodes;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

/**
 * One node of a compiled filter. Tests one resource ({@link #test(JsonNode)}) or up to 64 at once
 * ({@link #test(JsonNode[], int, long, JsonNode[])}), where bit {@code i} of a mask stands for
 * {@code resources[from + i]}. Both give the same answer for every resource; the batch form walks
 * the resources' trees step by step across the batch, so that their cache misses overlap.
 */
abstract class Node implements Predicate<JsonNode> {

  /**
   * The most resources one batch call takes. 32 resources keep enough reads in flight to hide
   * memory latency; with 64 the walks through that many trees start to evict each other and to
   * defeat the hardware prefetcher (measured with FilterEvaluationRatios).
   */
  static final int BATCH = 32;

  /**
   * The length of the work space a batch call takes: the lower two {@link #BATCH}es serve every
   * node, the upper two a {@link ValuePath}'s attributes and values (value filters do not nest,
   * so no node inside one writes there).
   */
  static final int SCRATCH = 4 * BATCH;

  /**
   * The subset of {@code mask} whose resources match. {@code scratch} has {@link #SCRATCH}
   * elements; a node may overwrite it but keeps nothing in it across calls.
   */
  long test(JsonNode[] resources, int from, long mask, @Nullable JsonNode[] scratch) {
    long hit = 0;
    for (long m = mask; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      if (test(resources[from + i])) {
        hit |= 1L << i;
      }
    }
    return hit;
  }

  /**
   * {@link #test(JsonNode[], int, long, JsonNode[])} for rows {@code from + i} of {@code table}
   * (each bit {@code i} of {@code mask} a row that holds a resource): a node that looks an
   * attribute up takes it from the table's column of its path.
   */
  long test(ResourceTable table, int from, long mask, @Nullable JsonNode[] scratch) {
    return test(table.rows(), from, mask, scratch);
  }

  /** All operands match; a later operand tests only what the earlier ones left. */
  static final class And extends Node {
    private final Node[] operands;

    And(Node[] operands) {
      this.operands = operands;
    }

    @Override
    public boolean test(JsonNode r) {
      for (Node p : operands) {
        if (!p.test(r)) {
          return false;
        }
      }
      return true;
    }

    @Override
    long test(JsonNode[] resources, int from, long mask, @Nullable JsonNode[] scratch) {
      long m = mask;
      for (int k = 0; k < operands.length && m != 0; k++) {
        m = operands[k].test(resources, from, m, scratch);
      }
      return m;
    }

    @Override
    long test(ResourceTable table, int from, long mask, @Nullable JsonNode[] scratch) {
      long m = mask;
      for (int k = 0; k < operands.length && m != 0; k++) {
        m = operands[k].test(table, from, m, scratch);
      }
      return m;
    }
  }

  /** Some operand matches; a later operand tests only what the earlier ones did not match. */
  static final class Or extends Node {
    private final Node[] operands;

    Or(Node[] operands) {
      this.operands = operands;
    }

    @Override
    public boolean test(JsonNode r) {
      for (Node p : operands) {
        if (p.test(r)) {
          return true;
        }
      }
      return false;
    }

    @Override
    long test(JsonNode[] resources, int from, long mask, @Nullable JsonNode[] scratch) {
      long hit = 0;
      long rest = mask;
      for (int k = 0; k < operands.length && rest != 0; k++) {
        long h = operands[k].test(resources, from, rest, scratch);
        hit |= h;
        rest &= ~h;
      }
      return hit;
    }

    @Override
    long test(ResourceTable table, int from, long mask, @Nullable JsonNode[] scratch) {
      long hit = 0;
      long rest = mask;
      for (int k = 0; k < operands.length && rest != 0; k++) {
        long h = operands[k].test(table, from, rest, scratch);
        hit |= h;
        rest &= ~h;
      }
      return hit;
    }
  }

  /** The operand does not match. */
  static final class Not extends Node {
    private final Node operand;

    Not(Node operand) {
      this.operand = operand;
    }

    @Override
    public boolean test(JsonNode r) {
      return !operand.test(r);
    }

    @Override
    long test(JsonNode[] resources, int from, long mask, @Nullable JsonNode[] scratch) {
      return mask & ~operand.test(resources, from, mask, scratch);
    }

    @Override
    long test(ResourceTable table, int from, long mask, @Nullable JsonNode[] scratch) {
      return mask & ~operand.test(table, from, mask, scratch);
    }
  }

  /** {@code path pr}. */
  static final class Present extends Node {
    private final Locator locator;

    Present(Locator locator) {
      this.locator = locator;
    }

    @Override
    public boolean test(JsonNode r) {
      return locator.present(r);
    }

    @Override
    long test(JsonNode[] resources, int from, long mask, @Nullable JsonNode[] scratch) {
      return decide(mask, locator.attributes(resources, from, mask, scratch), scratch);
    }

    @Override
    long test(ResourceTable table, int from, long mask, @Nullable JsonNode[] scratch) {
      return decide(mask, table.attributes(locator, from, mask, scratch), scratch);
    }

    /** The bits of {@code mask} whose attribute, looked up into {@code scratch}, is present. */
    private long decide(long mask, long leaves, @Nullable JsonNode[] scratch) {
      long hit = 0;
      for (long m = mask; m != 0; m &= m - 1) {
        int i = Long.numberOfTrailingZeros(m);
        JsonNode a = scratch[i];
        boolean present = (leaves & (1L << i)) != 0 ? JsonNodes.isPresent(a)
            : locator.presentIn(a);
        if (present) {
          hit |= 1L << i;
        }
      }
      return hit;
    }
  }

  /** Some value at the path passes the test; negated for {@code ne} and {@code eq null}. */
  static final class Compare extends Node {
    private final Locator locator;
    private final Locator.ValueTest valueTest;
    private final boolean negate;

    Compare(Locator locator, Locator.ValueTest valueTest, boolean negate) {
      this.locator = locator;
      this.valueTest = valueTest;
      this.negate = negate;
    }

    @Override
    public boolean test(JsonNode r) {
      return locator.anyValue(r, valueTest) != negate;
    }

    @Override
    long test(JsonNode[] resources, int from, long mask, @Nullable JsonNode[] scratch) {
      return decide(mask, locator.attributes(resources, from, mask, scratch), scratch);
    }

    @Override
    long test(ResourceTable table, int from, long mask, @Nullable JsonNode[] scratch) {
      return decide(mask, table.attributes(locator, from, mask, scratch), scratch);
    }

    /** The bits of {@code mask} whose attribute, looked up into {@code scratch}, has a value passing the test. */
    private long decide(long mask, long leaves, @Nullable JsonNode[] scratch) {
      if (touchText(mask, scratch) < 0) {
        throw new AssertionError("lengths are never negative");
      }
      long hit = 0;
      long arrays = 0;
      boolean rounds = locator.testsArraysInRounds();
      for (long m = mask; m != 0; m &= m - 1) {
        int i = Long.numberOfTrailingZeros(m);
        JsonNode a = scratch[i];
        boolean any;
        if ((leaves & (1L << i)) != 0) {
          any = Locator.anyLeaf(a, valueTest);
        } else if (rounds && a instanceof ArrayNode array && !array.isEmpty()) {
          scratch[Locator.ARRAYS + i] = a;
          arrays |= 1L << i;
          continue;
        } else {
          any = locator.anyValueIn(a, valueTest);
        }
        if (any) {
          hit |= 1L << i;
        }
      }
      if (arrays != 0) {
        hit |= locator.anyValueInArrays(scratch, arrays, valueTest);
      }
      return negate ? mask & ~hit : hit;
    }
  }

  /**
   * Reads the characters' array of each text value in {@code scratch} (a value from a column or
   * just looked up), for the whole batch before any is tested: the value, its String and the array
   * are three dependent reads each, which overlap across the batch here instead of stalling each
   * test in turn. Returns the sum of the lengths, which the caller uses so that the reads stay.
   */
  static long touchText(long mask, @Nullable JsonNode[] scratch) {
    long sum = 0;
    for (long m = mask; m != 0; m &= m - 1) {
      if (scratch[Long.numberOfTrailingZeros(m)] instanceof StringNode text) {
        sum += text.stringValue().length();
      }
    }
    return sum;
  }

  /** {@code attribute[filter]}: some value of the attribute matches the value filter. */
  static final class ValuePath extends Node {
    private final Locator locator;
    private final Node inner;

    ValuePath(Locator locator, Node inner) {
      this.locator = locator;
      this.inner = inner;
    }

    @Override
    public boolean test(JsonNode r) {
      return matches(locator.attribute(r));
    }

    private boolean matches(@Nullable JsonNode a) {
      if (a == null || a instanceof NullNode) {
        return false;
      }
      if (a instanceof ArrayNode array) {
        for (int i = 0, n = array.size(); i < n; i++) {
          JsonNode e = array.get(i);
          if (!(e instanceof NullNode) && inner.test(e)) {
            return true;
          }
        }
        return false;
      }
      return inner.test(a);
    }

    @Override
    long test(JsonNode[] resources, int from, long mask, @Nullable JsonNode[] scratch) {
      // the attribute of a value path has no sub-attribute: the look-up fills scratch only
      locator.attributes(resources, from, mask, scratch);
      return decide(mask, scratch);
    }

    @Override
    long test(ResourceTable table, int from, long mask, @Nullable JsonNode[] scratch) {
      table.attributes(locator, from, mask, scratch);
      return decide(mask, scratch);
    }

    /** The bits of {@code mask} whose attribute, looked up into {@code scratch}, has a value matching. */
    private long decide(long mask, @Nullable JsonNode[] scratch) {
      final int attrs = 2 * BATCH;
      final int values = 3 * BATCH;
      long arrays = 0;
      long round = 0;
      for (long m = mask; m != 0; m &= m - 1) {
        int i = Long.numberOfTrailingZeros(m);
        JsonNode a = scratch[i];
        scratch[attrs + i] = a;
        if (a instanceof ArrayNode array) {
          if (!array.isEmpty()) {
            arrays |= 1L << i;
          }
        } else if (a != null && !(a instanceof NullNode)) {
          scratch[values + i] = a;
          round |= 1L << i;
        }
      }
      // The values are tested in rounds, the k-th value of each array whose earlier values did not
      // match in round k, so that the value filter's look-ups run across the batch too instead of
      // walking one resource's values after another's.
      long hit = round == 0 ? 0 : inner.test(scratch, values, round, scratch);
      long pending = arrays;
      for (int k = 0; pending != 0; k++) {
        round = 0;
        for (long m = pending; m != 0; m &= m - 1) {
          int i = Long.numberOfTrailingZeros(m);
          ArrayNode array = (ArrayNode) scratch[attrs + i];
          if (k >= array.size()) {
            pending &= ~(1L << i);
            continue;
          }
          JsonNode e = array.get(k);
          if (!(e instanceof NullNode)) {
            scratch[values + i] = e;
            round |= 1L << i;
          }
        }
        if (round != 0) {
          long h = inner.test(scratch, values, round, scratch);
          hit |= h;
          pending &= ~h;
        }
      }
      return hit;
    }
  }
}
