package dev.scimsync.core.patch;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.validation.ResourceValidator;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.filter.Filter;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** The {@code add} and {@code replace} operations (RFC 7644 §3.5.2.1, §3.5.2.3), with and without a path. */
final class AddReplace {

  private final Tolerance tolerance;
  private final ResourceValidator validator;
  private final FilterEvaluator evaluator;
  private final WorkingCopy copy;
  private final @Nullable DeltaRecorder delta;
  private final Removal removal;

  AddReplace(Tolerance tolerance, ResourceValidator validator, FilterEvaluator evaluator, WorkingCopy copy,
      @Nullable DeltaRecorder delta, Removal removal) {
    this.tolerance = tolerance;
    this.validator = validator;
    this.evaluator = evaluator;
    this.copy = copy;
    this.delta = delta;
    this.removal = removal;
  }

  /** An add or replace at a resolved path; a null value is read by the tolerance. */
  void addOrReplace(Target t, @Nullable JsonNode value, boolean replace) {
    if (value == null || value.isNull()) {
      if (tolerance.nullAsAbsent() || !replace) {
        if (!replace && !tolerance.nullAsAbsent()) {
          throw ScimException.invalidValue("add needs a value");
        }
        return;
      }
      removal.remove(t, null);
      return;
    }
    if (t.wholeExtension() != null) {
      if (!value.isObject()) {
        throw ScimException.invalidValue("the value for extension '" + t.display() + "' must be an object");
      }
      ObjectNode wrapped = WorkingCopy.NODES.objectNode();
      wrapped.set(t.wholeExtension().id(), value);
      partial(wrapped, replace);
      return;
    }
    ResolvedAttribute r = Objects.requireNonNull(t.attr(), "a target is an attribute or a whole extension");
    AttributeDefinition def = r.attribute();
    WriteRules.checkWritable(r, t.display());
    if (delta != null && delta.isFor(r)) {
      JsonNode list = validator.normalizeValue(r, value, t.display());
      if (replace) {
        delta.clear();
      }
      delta.add(list, t.display());
      return;
    }
    if (t.filter() != null) {
      filtered(t, value, replace);
      return;
    }
    if (r.subAttribute() != null) {
      JsonNode v = validator.normalizeValue(r, value, t.display());
      if (def.multiValued()) {
        ArrayNode arr = copy.array(r);
        if (arr == null || arr.isEmpty()) {
          throw ScimException.noTarget("'" + def.name() + "' has no values to set '" + r.subAttribute().name() + "' on");
        }
        for (int i = 0, n = arr.size(); i < n; i++) {
          ObjectNode eo = copy.element(arr, i);
          if (eo != null) {
            WriteRules.setSub(eo, r.subAttribute(), v, t.display());
          }
        }
        PrimaryRule.afterWrite(copy, def, arr, null);
      } else {
        ObjectNode obj = Objects.requireNonNull(copy.complex(r, true), "created when absent");
        WriteRules.setSub(obj, r.subAttribute(), v, t.display());
        if (obj.isEmpty()) {
          copy.set(r, null);
        }
      }
      copy.touch(r);
      return;
    }
    JsonNode v = validator.normalizeValue(r, value, t.display());
    write(r, v, replace, t.display());
  }

  /** An add or replace without a path: the value is an object of attributes. */
  void pathless(PatchOperation.Op op, @Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      if (tolerance.nullAsAbsent()) {
        return;
      }
      throw ScimException.invalidValue(op.wireName() + " without a path needs an object value");
    }
    if (!value.isObject()) {
      throw ScimException.invalidValue(op.wireName() + " without a path needs an object value, not "
          + ScimJson.describe(value));
    }
    partial((ObjectNode) value, op == PatchOperation.Op.REPLACE);
  }

  private void partial(ObjectNode value, boolean replace) {
    for (Map.Entry<ResolvedAttribute, JsonNode> e : validator.normalizePartial(value).entrySet()) {
      ResolvedAttribute r = e.getKey();
      String display = r.canonicalPath();
      WriteRules.checkWritable(r, display);
      write(r, e.getValue(), replace, display);
    }
  }

  /** Writes a whole normalised value of a top-level attribute with add or replace semantics. */
  private void write(ResolvedAttribute r, @Nullable JsonNode v, boolean replace, String display) {
    AttributeDefinition def = r.attribute();
    if (delta != null && delta.isFor(r)) {
      if (replace) {
        delta.clear();
      }
      if (v != null) {
        delta.add(v, display);
      }
      return;
    }
    if (v == null) {
      if (replace) {
        WriteRules.checkRemovable(r, copy.get(r), display);
        copy.set(r, null);
        copy.touch(r);
      }
      return;
    }
    JsonNode current = copy.get(r);
    WriteRules.checkImmutable(def, current, v, display);
    if (def.multiValued()) {
      // both rules do nothing without a primary sub-attribute (members): look it up once
      boolean primaries = def.subAttribute("primary") != null;
      if (primaries) {
        PrimaryRule.checkOnePrimary(def, v, display);
      }
      // values equal to one another merge, also within the list sent
      boolean append = !replace && current instanceof ArrayNode;
      AttributeDefinition valueDef = def.isComplex() ? def.subAttribute("value") : null;
      ValueLookup lookup = valueDef == null ? null : copy.lookup(r, valueDef.caseExact(), !append);
      ArrayNode arr = lookup != null ? lookup.array()
          : append ? Objects.requireNonNull(copy.array(r), "current is an array") : copy.newArray();
      List<JsonNode> written = primaries ? new ArrayList<>(v.size()) : List.of();
      for (JsonNode ne : v) {
        JsonNode w = union(def, arr, ne, lookup);
        if (primaries) {
          written.add(w);
        }
      }
      if (!append || arr.isEmpty()) {
        copy.set(r, arr.isEmpty() ? null : arr); // appending changed the array already in place
      }
      if (primaries) {
        PrimaryRule.afterWrite(copy, def, arr, written);
      }
    } else if (def.isComplex() && current instanceof ObjectNode && v instanceof ObjectNode vo) {
      ObjectNode co = Objects.requireNonNull(copy.complex(r, false), "current is an object");
      vo.properties().forEach(p -> co.set(p.getKey(), p.getValue()));
    } else {
      copy.set(r, v);
    }
    copy.touch(r);
  }

  /**
   * Adds {@code ne} to {@code arr} (an array of the copy) unless an equal value is there, in which
   * case they merge; returns the value as it is in {@code arr}. With {@code lookup} (of {@code
   * arr}) the equal value is looked up by key instead of scanning.
   */
  private JsonNode union(AttributeDefinition def, ArrayNode arr, JsonNode ne, @Nullable ValueLookup lookup) {
    ValueIdentity.Same given = ValueIdentity.sameGiven(def, ne);
    int found = lookup == null ? -2 : lookup.find(ne, given);
    if (found == -2) {
      found = scan(arr, ValueIdentity.test(given));
    }
    if (found < 0) {
      arr.add(ne);
      if (lookup != null) {
        lookup.appended(ne);
      }
      return ne;
    }
    return merge(def, arr, found, ne);
  }

  private static int scan(ArrayNode arr, Predicate<JsonNode> same) {
    for (int i = 0, n = arr.size(); i < n; i++) {
      if (same.test(arr.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Merges {@code ne} into the equal value at {@code i} of {@code arr}; returns the value as it is in {@code arr}. */
  private JsonNode merge(AttributeDefinition def, ArrayNode arr, int i, JsonNode ne) {
    JsonNode e = arr.get(i);
    if (!(e instanceof ObjectNode && ne instanceof ObjectNode no)) {
      return e;
    }
    ObjectNode eo = copy.objectElement(arr, i);
    for (Map.Entry<String, JsonNode> p : no.properties()) {
      AttributeDefinition sub = def.subAttribute(p.getKey());
      if (sub != null) {
        WriteRules.checkSubWritable(def, sub, eo, p.getValue(), def.name());
      }
    }
    no.properties().forEach(p -> eo.set(p.getKey(), p.getValue()));
    return eo;
  }

  /** An add or replace on the values a filter selects ({@code emails[type eq "work"].value}). */
  private void filtered(Target t, JsonNode value, boolean replace) {
    ResolvedAttribute r = Objects.requireNonNull(t.attr(), "a filtered target is an attribute");
    Filter filter = Objects.requireNonNull(t.filter(), "filtered runs for a filter");
    AttributeDefinition def = r.attribute();
    Predicate<JsonNode> match = evaluator.compileValueFilter(
        new AttributePath(r.schemaUri(), def.name(), null), filter);
    JsonNode v;
    if (t.subAfterFilter() != null) {
      v = validator.normalizeValue(new ResolvedAttribute(r.schemaUri(), r.extension(), def, t.subAfterFilter()), value,
          t.display());
    } else {
      if (value.isArray() && value.size() == 1 && tolerance.flexibleCardinality()) {
        value = value.get(0); // a list of one for the one value the filter selects
      }
      if (!value.isObject()) {
        throw ScimException.invalidValue("the value for '" + t.display() + "' must be an object");
      }
      v = validator.normalizeElement(def, value, t.display());
    }
    // the values the filter can select, when the index can tell; every other value is skipped
    // exactly as the scan would skip it
    int[] candidates = copy.candidates(r, filter);
    ArrayNode arr = copy.array(r);
    List<JsonNode> hits = new ArrayList<>();
    int[] hitAt = candidates == null ? null : new int[candidates.length + 1];
    if (arr != null) {
      for (int j = 0, n = candidates != null ? candidates.length : arr.size(); j < n; j++) {
        int i = candidates != null ? candidates[j] : j;
        JsonNode e = arr.get(i);
        if (match.test(e)) {
          if (hitAt != null) {
            hitAt[hits.size()] = i;
          }
          hits.add(e instanceof ObjectNode ? copy.element(arr, i) : e);
        }
      }
    }
    boolean made = false;
    if (hits.isEmpty()) {
      ObjectNode created = tolerance.filteredPathCreatesValue() ? CreateOnFilter.template(validator, r, filter)
          : null;
      if (created == null) {
        throw ScimException.noTarget("no value of '" + def.name() + "' matches " + t.filter());
      }
      if (arr == null) {
        arr = copy.newArray();
        copy.set(r, arr);
      }
      arr.add(copy.own(created));
      made = true;
      if (hitAt != null) {
        hitAt[0] = arr.size() - 1;
      }
      hits.add(created);
    }
    for (JsonNode hit : hits) {
      // a stored list may hold a bare value where the schema wants an object (data written
      // before validation, or by hand); it matches the filter as its own value but has no parts
      if (!(hit instanceof ObjectNode eo)) {
        throw ScimException.invalidValue("a value of '" + def.name() + "' matching " + t.filter()
            + " is not a complex value, so it cannot be replaced or given sub-attributes");
      }
      if (t.subAfterFilter() != null) {
        WriteRules.checkSubWritable(def, t.subAfterFilter(), eo, v, t.display());
        WriteRules.setSub(eo, t.subAfterFilter(), v, t.display());
      } else if (v instanceof ObjectNode vo) {
        if (replace) {
          for (AttributeDefinition sub : def.subAttributes()) {
            WriteRules.checkSubWritable(def, sub, eo, vo.get(sub.name()), t.display());
          }
          eo.removeAll();
        }
        vo.properties().forEach(p -> eo.set(p.getKey(), p.getValue()));
      }
    }
    // hits are values of arr, or arr was created for the one value made from the filter
    if (hitAt == null) {
      copy.removeEmptyElements(r, Objects.requireNonNull(arr, "arr"));
    } else {
      // every value had a key, so only the values just written can be empty
      copy.removeEmptyAt(r, Objects.requireNonNull(arr, "arr"), java.util.Arrays.copyOf(hitAt, hits.size()));
    }
    PrimaryRule.afterWrite(copy, def, arr, hits);
    if (hitAt != null && !made) {
      copy.rewroteInPlace(r, Objects.requireNonNull(arr, "arr"), java.util.Arrays.copyOf(hitAt, hits.size()));
    }
    copy.touch(r);
  }
}
