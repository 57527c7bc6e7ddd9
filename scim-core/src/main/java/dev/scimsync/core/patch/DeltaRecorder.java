package dev.scimsync.core.patch;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.Literal;
import dev.scimsync.filter.OrFilter;
import dev.scimsync.filter.PatchPath;
import java.util.Objects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Delta bookkeeping for an attribute applied as a delta ({@link PatchEngine#applyAsDelta}): the
 * operations on it are not applied to the resource but accumulated, in order, into one {@link
 * ValueDelta} for the store.
 */
final class DeltaRecorder {

  private final ResolvedAttribute attribute;
  private final WorkingCopy copy;
  private boolean cleared;
  private final Map<String, ObjectNode> added = new LinkedHashMap<>();
  private final Set<String> removed = new LinkedHashSet<>();

  DeltaRecorder(ResolvedAttribute attribute, WorkingCopy copy) {
    this.attribute = attribute;
    this.copy = copy;
  }

  /** Whether {@code r} is the attribute applied as a delta. */
  boolean isFor(ResolvedAttribute r) {
    return PathResolver.sameAttribute(r, attribute);
  }

  /** Every existing value goes (replace, or remove without a value). */
  void clear() {
    cleared = true;
    added.clear();
    removed.clear();
    copy.touch(attribute);
  }

  /** Adds the normalised values of {@code list} (null: nothing). */
  void add(@Nullable JsonNode list, String display) {
    if (list == null) {
      return;
    }
    for (JsonNode e : list) {
      String id = valueOf(e, display);
      // an id removed earlier in the request stays in "removed": the store must drop the old value
      // (and its sub-attributes) before adding this one, as the full apply does
      ObjectNode prior = added.get(id);
      if (prior != null && e instanceof ObjectNode eo) {
        eo.properties().forEach(p -> prior.set(p.getKey(), p.getValue()));
      } else {
        added.put(id, (ObjectNode) e);
      }
    }
    copy.touch(attribute);
  }

  /** Removes the value whose {@code value} is {@code id}. */
  void remove(String id) {
    added.remove(id);
    removed.add(id);
    copy.touch(attribute);
  }

  /** Removes the values of {@code value eq ...} filter terms. */
  void remove(Filter valueFilter) {
    for (String id : Objects.requireNonNull(valueEqualities(valueFilter), "accepts() admits only value eq filters")) {
      remove(id);
    }
  }

  /** The {@code value} of one value: 400 invalidValue when it has none. */
  static String valueOf(@Nullable JsonNode e, String display) {
    JsonNode v = e == null ? null : e.get("value");
    if (v == null || !v.isString() || v.stringValue().isEmpty()) {
      throw ScimException.invalidValue("every value of '" + display + "' needs a \"value\"");
    }
    return v.stringValue();
  }

  /** The delta recorded so far. */
  ValueDelta toDelta() {
    return new ValueDelta(cleared, removed, added);
  }

  /**
   * Whether {@code op} can be applied as a delta of {@code target}: it does not touch {@code
   * target}, or touches it as a whole, or removes values selected by {@code value eq} terms.
   */
  static boolean expressible(ResourceSchema schema, ResolvedAttribute target, PatchOperation op) {
    PatchPath p = op.patchPath();
    if (p == null) {
      return true;
    }
    ResolvedAttribute r = schema.resolve(p.attribute().withSubAttribute(null));
    if (r == null || !PathResolver.sameAttribute(r, target)) {
      return true;
    }
    if (p.attribute().subAttribute() != null || p.subAttribute() != null) {
      return false;
    }
    return !p.hasValueFilter() || op.op() == PatchOperation.Op.REMOVE && valueEqualities(Objects.requireNonNull(p.valueFilter(), "hasValueFilter")) != null;
  }

  /** The values of {@code value eq "x" [or value eq "y" ...]}, or null for any other filter. */
  private static @Nullable List<String> valueEqualities(Filter f) {
    List<Filter> terms = f instanceof OrFilter or ? or.operands() : List.of(f);
    List<String> out = new ArrayList<>();
    for (Filter t : terms) {
      if (!(t instanceof ComparisonFilter c) || c.operator() != ComparisonOperator.EQ
          || !c.path().name().equalsIgnoreCase("value") || c.path().subAttribute() != null
          || !(c.value() instanceof Literal.StringLiteral s)) {
        return null;
      }
      out.add(s.value());
    }
    return out;
  }
}
