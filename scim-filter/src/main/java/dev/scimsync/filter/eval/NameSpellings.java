package dev.scimsync.filter.eval;

import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One spelling for every property name, case aside: a holder of many resources (a store) admits
 * each resource when it is written, and a filter compiled with {@link
 * FilterEvaluator#compile(dev.scimsync.filter.Filter, NameSpellings)} then looks names up in the
 * admitted resources by their exact spelling, without the walk along an object's properties that
 * the case-insensitive match of a name it lacks (RFC 7643 §2.1) costs.
 *
 * <p>The first spelling admitted of a name is the one recorded; {@link #admit} accepts a resource
 * only when every property name in it, at every depth, is the recorded spelling of its name. In
 * an accepted resource, an object therefore holds a name in at most one spelling, the recorded
 * one, and looking up that spelling exactly finds what the case-insensitive look-up finds. A name
 * no admitted resource holds in any spelling is in no accepted resource. Recorded spellings never
 * change; at most {@code limit} are recorded, and a resource with a further name is not accepted.
 *
 * <p>Thread-safe. The holder keeps its own guarantee: a filter compiled with these spellings
 * answers as {@link FilterEvaluator#compile(dev.scimsync.filter.Filter)} does for every resource
 * that {@link #admit} accepted before the filter was compiled and that has not changed since (a
 * name admitted later may have been spelled otherwise in the filter).
 */
public final class NameSpellings {

  /** By {@link String#CASE_INSENSITIVE_ORDER}, which holds names equal ignoring case equal. */
  private final TreeMap<String, String> spellings = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  /** The recorded spellings themselves: most names admitted are one, found by one hash look-up. */
  private final HashSet<String> recorded = new HashSet<>();
  private final int limit;

  /** Spellings for at most 4,096 names. */
  public NameSpellings() {
    this(4096);
  }

  /**
   * Spellings for at most {@code limit} names.
   *
   * @throws IllegalArgumentException when {@code limit} is negative
   */
  public NameSpellings(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    this.limit = limit;
  }

  /**
   * Records the names of {@code resource} not yet recorded in any spelling, and returns whether
   * every property name in it (at any depth, inside arrays too) is the recorded spelling of its
   * name. Reads the resource only.
   */
  public synchronized boolean admit(JsonNode resource) {
    return admitAll(resource);
  }

  private boolean admitAll(JsonNode node) {
    boolean ok = true;
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        String key = e.getKey();
        if (!recorded.contains(key)) {
          String spelling = spellings.get(key);
          if (spelling != null) {
            ok = false; // another spelling of a recorded name
          } else if (spellings.size() >= limit) {
            ok = false;
          } else {
            spellings.put(key, key);
            recorded.add(key);
          }
        }
        // the rest is still recorded, so that the first spellings seen win
        ok &= admitAll(e.getValue());
      }
    } else if (node instanceof ArrayNode a) {
      for (JsonNode e : a) {
        ok &= admitAll(e);
      }
    }
    return ok;
  }

  /**
   * The spelling to look {@code name} up with in accepted resources: the recorded one when it
   * equals {@code name} ignoring case, else {@code name} itself, which no accepted resource then
   * holds in any spelling.
   */
  synchronized String spelling(String name) {
    String spelling = spellings.get(name);
    // the order may call names equal that equalsIgnoreCase does not (it compares code points, not
    // lengths in chars): then no accepted resource holds name in a spelling that equals it
    return spelling != null && spelling.equalsIgnoreCase(name) ? spelling : name;
  }

  /** How many names are recorded. */
  public synchronized int size() {
    return spellings.size();
  }
}
