package dev.scimsync.core.patch;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.validation.ResourceValidator;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.filter.Filter;
import java.util.Objects;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The {@code remove} operation (RFC 7644 §3.5.2.2): of a whole extension, of the values a filter
 * selects, of a sub-attribute, of listed values (Entra ID's member removal), or of an attribute.
 */
final class Removal {

  private final ResourceSchema schema;
  private final ResourceValidator validator;
  private final FilterEvaluator evaluator;
  private final WorkingCopy copy;
  private final @Nullable DeltaRecorder delta;

  Removal(ResourceSchema schema, ResourceValidator validator, FilterEvaluator evaluator, WorkingCopy copy,
      @Nullable DeltaRecorder delta) {
    this.schema = schema;
    this.validator = validator;
    this.evaluator = evaluator;
    this.copy = copy;
    this.delta = delta;
  }

  /** Removes what {@code t} selects; with a {@code value} list, only those values. */
  void remove(Target t, @Nullable JsonNode value) {
    Schema ext = t.wholeExtension();
    if (ext != null) {
      removeExtension(t, ext);
      return;
    }
    ResolvedAttribute r = Objects.requireNonNull(t.attr(), "a target is an attribute or a whole extension");
    WriteRules.checkWritable(r, t.display());
    if (delta != null && delta.isFor(r)) {
      removeAsDelta(delta, t, r, value);
    } else if (t.filter() != null) {
      removeFiltered(t, r);
    } else if (r.subAttribute() != null) {
      removeSubAttribute(t, r);
    } else if (value != null && !value.isNull() && r.attribute().multiValued()) {
      removeListed(t, r, value);
    } else if (copy.get(r) != null) {
      WriteRules.checkRemovable(r, copy.get(r), t.display());
      copy.set(r, null);
      copy.touch(r);
    }
  }

  private void removeExtension(Target t, Schema ext) {
    if (schema.isRequiredExtension(ext.id())) {
      throw ScimException.mutability("extension '" + t.display() + "' is required and cannot be removed");
    }
    if (copy.doc().remove(ext.id()) != null) {
      for (AttributeDefinition d : ext.attributes()) {
        copy.touch(new ResolvedAttribute(ext.id(), true, d, null));
      }
    }
  }

  private void removeAsDelta(DeltaRecorder recorder, Target t, ResolvedAttribute r, @Nullable JsonNode value) {
    Filter filter = t.filter();
    if (filter != null) {
      recorder.remove(filter);
    } else if (value != null && !value.isNull()) {
      JsonNode list = validator.normalizeValue(r, value, t.display());
      if (list != null) {
        for (JsonNode e : list) {
          recorder.remove(DeltaRecorder.valueOf(e, t.display()));
        }
      }
    } else {
      recorder.clear();
    }
  }

  private void removeFiltered(Target t, ResolvedAttribute r) {
    AttributeDefinition def = r.attribute();
    Filter filter = Objects.requireNonNull(t.filter(), "removeFiltered runs for a filter");
    // the values the filter can select, when the index can tell; every other value is skipped
    // exactly as the scan below would skip it
    int[] candidates = copy.candidates(r, filter);
    ArrayNode arr = copy.array(r);
    if (arr == null) {
      return;
    }
    Predicate<JsonNode> match = evaluator.compileValueFilter(new AttributePath(r.schemaUri(), def.name(), null), filter);
    boolean changed = false;
    int n = candidates != null ? candidates.length : arr.size();
    int[] emptied = candidates != null && t.subAfterFilter() != null ? new int[n] : null;
    int emptiedCount = 0;
    int[] gone = candidates != null && t.subAfterFilter() == null ? new int[n] : null;
    int goneCount = 0;
    for (int j = n - 1; j >= 0; j--) {
      int i = candidates != null ? candidates[j] : j;
      JsonNode e = arr.get(i);
      if (!match.test(e)) {
        continue;
      }
      if (t.subAfterFilter() != null) {
        if (e instanceof ObjectNode eo && eo.has(t.subAfterFilter().name())) {
          WriteRules.checkSubRemovable(def, t.subAfterFilter(), t.display());
          copy.objectElement(arr, i).remove(t.subAfterFilter().name());
          changed = true;
          if (emptied != null) {
            emptied[emptiedCount++] = i;
          }
        }
      } else {
        arr.remove(i);
        changed = true;
        if (gone != null) {
          gone[goneCount++] = i;
        }
      }
    }
    if (changed) {
      if (candidates == null) {
        copy.removeEmptyElements(r, arr);
      } else {
        // every value had a key, so only the values just changed can be empty
        int[] at = emptied == null ? new int[0] : java.util.Arrays.copyOf(emptied, emptiedCount);
        java.util.Arrays.sort(at);
        copy.removeEmptyAt(r, arr, at);
      }
      if (arr.isEmpty()) {
        WriteRules.checkRemovable(r, copy.get(r), t.display());
        copy.set(r, null);
      } else if (gone != null) {
        // removed from the last down: ascending is the reverse
        int[] at = new int[goneCount];
        for (int j = 0; j < goneCount; j++) {
          at[j] = gone[goneCount - 1 - j];
        }
        copy.removedWhole(r, arr, at);
      }
      copy.touch(r);
    }
  }

  private void removeSubAttribute(Target t, ResolvedAttribute r) {
    JsonNode cur = copy.get(r);
    AttributeDefinition sub = Objects.requireNonNull(r.subAttribute(), "removeSubAttribute runs for a sub-attribute");
    WriteRules.checkSubRemovable(r.attribute(), sub, t.display());
    String name = sub.name();
    if (cur instanceof ObjectNode) {
      ObjectNode co = Objects.requireNonNull(copy.complex(r, false), "the value is an object");
      co.remove(name);
      if (co.isEmpty()) {
        copy.set(r, null);
      }
    } else if (cur instanceof ArrayNode) {
      ArrayNode arr = Objects.requireNonNull(copy.array(r), "the value is an array");
      for (int i = 0, n = arr.size(); i < n; i++) {
        if (arr.get(i).has(name)) {
          copy.objectElement(arr, i).remove(name);
        }
      }
      copy.removeEmptyElements(r, arr);
    }
    copy.touch(r);
  }

  private void removeListed(Target t, ResolvedAttribute r, JsonNode value) {
    AttributeDefinition def = r.attribute();
    ArrayNode arr = copy.array(r);
    JsonNode list = validator.normalizeValue(r, value, t.display());
    if (arr == null || list == null) {
      return;
    }
    for (JsonNode gone : list) {
      for (int i = arr.size() - 1; i >= 0; i--) {
        if (ValueIdentity.sameElement(def, arr.get(i), gone)) {
          arr.remove(i);
        }
      }
    }
    if (arr.isEmpty()) {
      WriteRules.checkRemovable(r, copy.get(r), t.display());
      copy.set(r, null);
    }
    copy.touch(r);
  }
}
