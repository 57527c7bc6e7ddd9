package dev.scimsync.core.patch;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.internal.Access;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.Mutability;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.core.validation.ResourceValidator;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.Literal;
import dev.scimsync.filter.OrFilter;
import dev.scimsync.filter.PatchPath;
import dev.scimsync.filter.eval.FilterEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a resource. Pure: it reads and writes no store,
 * so every store, the client and the sync engine share it. Immutable and thread-safe.
 *
 * <p>All or nothing: when any operation fails, a {@link ScimException} names it and the input
 * resource is untouched. Every value is normalised by the {@link ResourceValidator}, so what the
 * engine writes is canonical whatever the {@link Tolerance} accepted.
 *
 * <p>Semantics beyond the RFC's letter, chosen for what identity providers rely on:
 *
 * <ul>
 *   <li>{@code add} on a multi-valued attribute unions: a value equal to an existing one (same
 *       {@code value} and {@code type}, or equal as a whole when there is no {@code value}) is
 *       merged, not duplicated.
 *   <li>{@code remove} with a path and a {@code value} list removes only the listed values (Entra
 *       ID's member removal); a bare {@code remove} of a multi-valued attribute removes all values;
 *       a {@code remove} whose filter matches nothing succeeds and changes nothing.
 *   <li>A pathless {@code replace} changes only the attributes in its value: without a {@code
 *       members} key, membership is untouched; {@code replace} of {@code members} with {@code []}
 *       empties the group.
 *   <li>{@code add}/{@code replace} on a complex single-valued attribute merges sub-attributes.
 *   <li>With {@link Tolerance#filteredPathCreatesValue()}, {@code emails[type eq "work"].value}
 *       that matches nothing creates {@code {"type":"work","value":...}}; several such operations
 *       for the same filter fill one value.
 *   <li>Setting {@code primary: true} on a value sets it false on the others.
 * </ul>
 */
public final class PatchEngine {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ResourceSchema schema;
  private final Tolerance tolerance;
  private final ResourceValidator validator;
  private final FilterEvaluator evaluator;

  /** An engine for resources of {@code schema}, reading values with {@code tolerance}. */
  public PatchEngine(ResourceSchema schema, Tolerance tolerance) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    this.validator = new ResourceValidator(schema, tolerance);
    this.evaluator = FilterEvaluator.builder().schema(schema).tolerant(tolerance.stringBooleans()).build();
  }

  /**
   * Applies {@code operations} to {@code resource} in order.
   *
   * @return the patched resource and what changed; for each multi-valued attribute with a {@code
   *     value} sub-attribute that the operations touched ({@code members}, {@code emails}, ...)
   *     the change set has a {@link ValueDelta}
   * @throws ScimException 400 with invalidPath, noTarget, mutability, invalidValue or invalidSyntax
   */
  public PatchResult apply(ScimResource resource, List<Operation> operations) {
    return new Run(resource, null).run(operations);
  }

  /** Applies the operations of a parsed PATCH request; see {@link #apply(ScimResource, List)}. */
  public PatchResult apply(ScimResource resource, dev.scimsync.core.message.PatchRequest request) {
    return apply(resource, operations(request));
  }

  /** The engine's form of a request's operations. */
  public static List<Operation> operations(dev.scimsync.core.message.PatchRequest request) {
    List<Operation> ops = new ArrayList<>();
    request.operations().forEach(o -> ops.add(o.toOperation()));
    return ops;
  }

  /**
   * Whether every operation that touches the multi-valued attribute {@code attribute} (e.g. {@code
   * members}) can be expressed as a {@link ValueDelta}, so that {@link #applyDelegating} may be
   * used with a resource loaded without that attribute.
   */
  public boolean canDelegate(List<Operation> operations, String attribute) {
    ResolvedAttribute target = delegatable(attribute);
    for (Operation op : operations) {
      PatchPath p = op.path();
      if (p == null) {
        continue;
      }
      ResolvedAttribute r = schema.resolve(p.attribute().withSubAttribute(null));
      if (r == null || !sameAttribute(r, target)) {
        continue;
      }
      if (p.attribute().subAttribute() != null || p.subAttribute() != null) {
        return false;
      }
      if (p.hasValueFilter() && (op.op() != Operation.Op.REMOVE || valueEqualities(p.valueFilter()) == null)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Applies {@code operations} to a resource that was loaded without {@code attribute}: the
   * operations on that attribute are not applied but returned as its {@link ValueDelta} in the
   * change set, for the store to apply. Call only when {@link #canDelegate} is true.
   */
  public PatchResult applyDelegating(ScimResource resourceWithout, List<Operation> operations, String attribute) {
    if (!canDelegate(operations, attribute)) {
      throw new IllegalArgumentException("these operations need the values of '" + attribute + "'");
    }
    return new Run(resourceWithout, delegatable(attribute)).run(operations);
  }

  private ResolvedAttribute delegatable(String attribute) {
    ResolvedAttribute target = schema.resolve(AttributePath.parse(attribute));
    if (target == null || !target.attribute().multiValued() || target.attribute().subAttribute("value") == null) {
      throw new IllegalArgumentException(attribute + " is not a multi-valued attribute with a value sub-attribute");
    }
    return target;
  }

  private static boolean sameAttribute(ResolvedAttribute a, ResolvedAttribute b) {
    return a.schemaUri().equalsIgnoreCase(b.schemaUri()) && a.attribute().name().equals(b.attribute().name());
  }

  /** The values of {@code value eq "x" [or value eq "y" ...]}, or null for any other filter. */
  private static List<String> valueEqualities(Filter f) {
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

  // ------------------------------------------------------------------------------------------

  /** Where an operation points. */
  private record Target(ResolvedAttribute attr, Schema wholeExtension, Filter filter, AttributeDefinition subAfterFilter,
      String display) {
  }

  /** One application of a list of operations to a private copy of the resource. */
  private final class Run {
    private final ObjectNode before;
    private final ObjectNode doc;
    private final ResolvedAttribute delegated;
    private final Set<String> touched = new LinkedHashSet<>();
    private final Map<String, ResolvedAttribute> touchedAttrs = new LinkedHashMap<>();
    // delegated delta, accumulated in order
    private boolean cleared;
    private final Map<String, ObjectNode> added = new LinkedHashMap<>();
    private final Set<String> removed = new LinkedHashSet<>();

    Run(ScimResource resource, ResolvedAttribute delegated) {
      this.before = Access.node(resource);
      this.doc = before.deepCopy();
      this.delegated = delegated;
    }

    PatchResult run(List<Operation> operations) {
      if (operations.isEmpty()) {
        throw ScimException.invalidValue("a PATCH request needs at least one operation");
      }
      int index = 0;
      for (Operation op : operations) {
        try {
          apply(op);
        } catch (ScimException e) {
          throw new ScimException(e.status(), e.scimType(),
              "operation " + index + " (" + op.op().wireName() + (op.path() == null ? "" : " " + op.path()) + "): "
                  + e.detail(), e);
        } catch (FilterException e) {
          ScimException se = ScimException.from(e);
          throw new ScimException(se.status(), se.scimType(), "operation " + index + ": " + se.detail(), e);
        }
        index++;
      }
      fixSchemas();
      validator.checkComplete(doc);
      return new PatchResult(Access.wrap(doc), changes());
    }

    private void apply(Operation op) {
      if (op.path() == null) {
        if (op.op() == Operation.Op.REMOVE) {
          throw ScimException.noTarget("remove needs a path");
        }
        pathless(op);
        return;
      }
      Target t = resolve(op.path());
      if (t == null) {
        return; // unknown attribute, ignored by tolerance
      }
      switch (op.op()) {
        case ADD -> addOrReplace(t, op.value(), false);
        case REPLACE -> addOrReplace(t, op.value(), true);
        case REMOVE -> remove(t, op.value());
        default -> throw new IllegalStateException();
      }
    }

    private Target resolve(PatchPath p) {
      AttributePath ap = p.attribute();
      Schema whole = schema.extensionNamedBy(ap);
      if (whole != null && !p.hasValueFilter()) {
        return new Target(null, whole, null, null, whole.id());
      }
      ResolvedAttribute r = schema.resolve(ap);
      if (r == null) {
        if (tolerance.ignoreUnknownAttributes() && schema.resolve(ap.withSubAttribute(null)) == null) {
          return null;
        }
        throw ScimException.invalidPath("attribute '" + ap + "' is not defined for resource type "
            + schema.resourceType().name());
      }
      AttributeDefinition after = null;
      if (p.hasValueFilter()) {
        if (!r.attribute().multiValued()) {
          throw ScimException.invalidPath("a value filter needs a multi-valued attribute; '" + ap + "' is single-valued");
        }
        if (p.subAttribute() != null) {
          after = r.attribute().subAttribute(p.subAttribute());
          if (after == null) {
            throw ScimException.invalidPath("'" + r.attribute().name() + "' has no sub-attribute '" + p.subAttribute() + "'");
          }
        }
      }
      return new Target(r, null, p.valueFilter(), after, p.toString());
    }

    // ---- add / replace ----

    private void addOrReplace(Target t, JsonNode value, boolean replace) {
      if (value == null || value.isNull()) {
        if (tolerance.nullAsAbsent() || !replace) {
          if (!replace && !tolerance.nullAsAbsent()) {
            throw ScimException.invalidValue("add needs a value");
          }
          return;
        }
        remove(t, null);
        return;
      }
      if (t.wholeExtension != null) {
        if (!value.isObject()) {
          throw ScimException.invalidValue("the value for extension '" + t.display + "' must be an object");
        }
        ObjectNode wrapped = NODES.objectNode();
        wrapped.set(t.wholeExtension.id(), value);
        partial(wrapped, replace);
        return;
      }
      ResolvedAttribute r = t.attr;
      AttributeDefinition def = r.attribute();
      checkWritable(r, t.display);
      if (delegated != null && sameAttribute(r, delegated)) {
        JsonNode list = validator.normalizeValue(r, value, t.display);
        if (replace) {
          clearDelta();
        }
        addDelta(list, t.display);
        return;
      }
      if (t.filter != null) {
        filtered(t, value, replace);
        return;
      }
      if (r.subAttribute() != null) {
        JsonNode v = validator.normalizeValue(r, value, t.display);
        if (def.multiValued()) {
          ArrayNode arr = array(r);
          if (arr == null || arr.isEmpty()) {
            throw ScimException.noTarget("'" + def.name() + "' has no values to set '" + r.subAttribute().name() + "' on");
          }
          for (JsonNode e : arr) {
            if (e instanceof ObjectNode eo) {
              setSub(eo, r.subAttribute(), v, t.display);
            }
          }
          primaryAfterWrite(r, arr, null);
        } else {
          ObjectNode obj = complex(r, true);
          setSub(obj, r.subAttribute(), v, t.display);
          if (obj.isEmpty()) {
            set(r, null);
          }
        }
        touch(r);
        return;
      }
      JsonNode v = validator.normalizeValue(r, value, t.display);
      write(r, v, replace, t.display);
    }

    /** Writes a whole normalised value of a top-level attribute with add or replace semantics. */
    private void write(ResolvedAttribute r, JsonNode v, boolean replace, String display) {
      AttributeDefinition def = r.attribute();
      if (delegated != null && sameAttribute(r, delegated)) {
        if (replace) {
          clearDelta();
        }
        if (v != null) {
          addDelta(v, display);
        }
        return;
      }
      if (v == null) {
        if (replace) {
          checkRemovable(r, display);
          set(r, null);
          touch(r);
        }
        return;
      }
      JsonNode current = get(r);
      if (def.mutability() == Mutability.IMMUTABLE && current != null && !current.isNull() && !current.equals(v)) {
        throw ScimException.mutability("attribute '" + display + "' is immutable and already set");
      }
      if (def.multiValued()) {
        checkOnePrimary(def, v, display);
        // values equal to one another merge, also within the list sent
        ArrayNode arr = !replace && current instanceof ArrayNode a ? a : NODES.arrayNode();
        List<JsonNode> written = new ArrayList<>();
        for (JsonNode ne : v) {
          written.add(union(def, arr, ne));
        }
        set(r, arr.isEmpty() ? null : arr);
        primaryAfterWrite(r, arr, written);
      } else if (def.isComplex() && current instanceof ObjectNode co && v instanceof ObjectNode vo) {
        vo.properties().forEach(p -> co.set(p.getKey(), p.getValue()));
      } else {
        set(r, v);
      }
      touch(r);
    }

    /** Adds {@code ne} to {@code arr} unless an equal value is there, in which case they merge. */
    private JsonNode union(AttributeDefinition def, ArrayNode arr, JsonNode ne) {
      for (JsonNode e : arr) {
        if (sameElement(def, e, ne)) {
          if (e instanceof ObjectNode eo && ne instanceof ObjectNode no) {
            for (Map.Entry<String, JsonNode> p : no.properties()) {
              AttributeDefinition sub = def.subAttribute(p.getKey());
              if (sub != null) {
                checkSubWritable(def, sub, eo, p.getValue(), def.name());
              }
            }
            no.properties().forEach(p -> eo.set(p.getKey(), p.getValue()));
          }
          return e;
        }
      }
      arr.add(ne);
      return ne;
    }

    private void filtered(Target t, JsonNode value, boolean replace) {
      ResolvedAttribute r = t.attr;
      AttributeDefinition def = r.attribute();
      Predicate<JsonNode> match = evaluator.compileValueFilter(
          new AttributePath(r.schemaUri(), def.name(), null), t.filter);
      JsonNode v;
      if (t.subAfterFilter != null) {
        v = validator.normalizeValue(new ResolvedAttribute(r.schemaUri(), r.extension(), def, t.subAfterFilter), value,
            t.display);
      } else {
        if (value.isArray() && value.size() == 1 && tolerance.flexibleCardinality()) {
          value = value.get(0); // a list of one for the one value the filter selects
        }
        if (!value.isObject()) {
          throw ScimException.invalidValue("the value for '" + t.display + "' must be an object");
        }
        v = validator.normalizeElement(def, value, t.display);
      }
      ArrayNode arr = array(r);
      List<JsonNode> hits = new ArrayList<>();
      if (arr != null) {
        for (JsonNode e : arr) {
          if (match.test(e)) {
            hits.add(e);
          }
        }
      }
      if (hits.isEmpty()) {
        ObjectNode created = tolerance.filteredPathCreatesValue() ? template(r, t.filter) : null;
        if (created == null) {
          throw ScimException.noTarget("no value of '" + def.name() + "' matches " + t.filter);
        }
        if (arr == null) {
          arr = NODES.arrayNode();
          set(r, arr);
        }
        arr.add(created);
        hits.add(created);
      }
      for (JsonNode hit : hits) {
        ObjectNode eo = (ObjectNode) hit;
        if (t.subAfterFilter != null) {
          checkSubWritable(def, t.subAfterFilter, eo, v, t.display);
          setSub(eo, t.subAfterFilter, v, t.display);
        } else if (v instanceof ObjectNode vo) {
          if (replace) {
            for (AttributeDefinition sub : def.subAttributes()) {
              checkSubWritable(def, sub, eo, vo.get(sub.name()), t.display);
            }
            eo.removeAll();
          }
          vo.properties().forEach(p -> eo.set(p.getKey(), p.getValue()));
        }
      }
      removeEmptyElements(r, arr);
      primaryAfterWrite(r, arr, hits);
      touch(r);
    }

    /** The value a filter such as {@code type eq "work" and primary eq true} describes, or null. */
    private ObjectNode template(ResolvedAttribute r, Filter f) {
      List<Filter> terms = f instanceof AndFilter and ? and.operands() : List.of(f);
      ObjectNode o = NODES.objectNode();
      for (Filter term : terms) {
        if (!(term instanceof ComparisonFilter c) || c.operator() != ComparisonOperator.EQ
            || c.path().subAttribute() != null || c.value() instanceof Literal.NullLiteral) {
          return null;
        }
        AttributeDefinition sub = r.attribute().subAttribute(c.path().name());
        if (sub == null) {
          return null;
        }
        JsonNode lit = NODES.pojoNode(null);
        Object jv = c.value().javaValue();
        if (jv instanceof String s) {
          lit = NODES.stringNode(s);
        } else if (jv instanceof Boolean b) {
          lit = NODES.booleanNode(b);
        } else if (jv instanceof java.math.BigDecimal d) {
          lit = NODES.numberNode(d);
        }
        JsonNode nv = validator.normalizeValue(new ResolvedAttribute(r.schemaUri(), r.extension(), r.attribute(), sub),
            lit, r.attribute().name() + "." + sub.name());
        if (nv == null) {
          return null;
        }
        o.set(sub.name(), nv);
      }
      return o;
    }

    // ---- remove ----

    private void remove(Target t, JsonNode value) {
      if (t.wholeExtension != null) {
        if (schema.isRequiredExtension(t.wholeExtension.id())) {
          throw ScimException.mutability("extension '" + t.display + "' is required and cannot be removed");
        }
        if (doc.remove(t.wholeExtension.id()) != null) {
          touched.add(t.wholeExtension.id());
          for (AttributeDefinition d : t.wholeExtension.attributes()) {
            touch(new ResolvedAttribute(t.wholeExtension.id(), true, d, null));
          }
        }
        return;
      }
      ResolvedAttribute r = t.attr;
      AttributeDefinition def = r.attribute();
      checkWritable(r, t.display);
      if (delegated != null && sameAttribute(r, delegated)) {
        if (t.filter != null) {
          for (String id : valueEqualities(t.filter)) {
            removeDelta(id);
          }
        } else if (value != null && !value.isNull()) {
          JsonNode list = validator.normalizeValue(r, value, t.display);
          if (list != null) {
            for (JsonNode e : list) {
              removeDelta(valueOf(e, t.display));
            }
          }
        } else {
          clearDelta();
        }
        return;
      }
      if (t.filter != null) {
        ArrayNode arr = array(r);
        if (arr == null) {
          return;
        }
        Predicate<JsonNode> match = evaluator.compileValueFilter(
            new AttributePath(r.schemaUri(), def.name(), null), t.filter);
        boolean changed = false;
        for (int i = arr.size() - 1; i >= 0; i--) {
          JsonNode e = arr.get(i);
          if (!match.test(e)) {
            continue;
          }
          if (t.subAfterFilter != null) {
            if (e instanceof ObjectNode eo && eo.has(t.subAfterFilter.name())) {
              checkSubRemovable(def, t.subAfterFilter, t.display);
              eo.remove(t.subAfterFilter.name());
              changed = true;
            }
          } else {
            arr.remove(i);
            changed = true;
          }
        }
        if (changed) {
          removeEmptyElements(r, arr);
          if (arr.isEmpty()) {
            checkRemovable(r, t.display);
            set(r, null);
          }
          touch(r);
        }
        return;
      }
      if (r.subAttribute() != null) {
        JsonNode cur = get(r);
        checkSubRemovable(def, r.subAttribute(), t.display);
        if (cur instanceof ObjectNode co) {
          co.remove(r.subAttribute().name());
          if (co.isEmpty()) {
            set(r, null);
          }
        } else if (cur instanceof ArrayNode arr) {
          for (JsonNode e : arr) {
            if (e instanceof ObjectNode eo) {
              eo.remove(r.subAttribute().name());
            }
          }
          removeEmptyElements(r, arr);
        }
        touch(r);
        return;
      }
      if (value != null && !value.isNull() && def.multiValued()) {
        ArrayNode arr = array(r);
        JsonNode list = validator.normalizeValue(r, value, t.display);
        if (arr == null || list == null) {
          return;
        }
        for (JsonNode gone : list) {
          for (int i = arr.size() - 1; i >= 0; i--) {
            if (sameElement(def, arr.get(i), gone)) {
              arr.remove(i);
            }
          }
        }
        if (arr.isEmpty()) {
          checkRemovable(r, t.display);
          set(r, null);
        }
        touch(r);
        return;
      }
      if (get(r) != null) {
        checkRemovable(r, t.display);
        set(r, null);
        touch(r);
      }
    }

    // ---- pathless ----

    private void pathless(Operation op) {
      JsonNode value = op.value();
      if (value == null || value.isNull()) {
        if (tolerance.nullAsAbsent()) {
          return;
        }
        throw ScimException.invalidValue(op.op().wireName() + " without a path needs an object value");
      }
      if (!value.isObject()) {
        throw ScimException.invalidValue(op.op().wireName() + " without a path needs an object value, not "
            + dev.scimsync.core.json.ScimJson.describe(value));
      }
      partial((ObjectNode) value, op.op() == Operation.Op.REPLACE);
    }

    private void partial(ObjectNode value, boolean replace) {
      for (Map.Entry<ResolvedAttribute, JsonNode> e : validator.normalizePartial(value).entrySet()) {
        ResolvedAttribute r = e.getKey();
        String display = r.canonicalPath();
        checkWritable(r, display);
        write(r, e.getValue(), replace, display);
      }
    }

    // ---- delegated delta ----

    private void clearDelta() {
      cleared = true;
      added.clear();
      removed.clear();
      touch(delegated);
    }

    private void addDelta(JsonNode list, String display) {
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
      touch(delegated);
    }

    private void removeDelta(String id) {
      added.remove(id);
      removed.add(id);
      touch(delegated);
    }

    private String valueOf(JsonNode e, String display) {
      JsonNode v = e == null ? null : e.get("value");
      if (v == null || !v.isString() || v.stringValue().isEmpty()) {
        throw ScimException.invalidValue("every value of '" + display + "' needs a \"value\"");
      }
      return v.stringValue();
    }

    // ---- helpers ----

    private void checkWritable(ResolvedAttribute r, String display) {
      if (r.attribute().mutability() == Mutability.READ_ONLY) {
        throw ScimException.mutability("attribute '" + display + "' is read-only");
      }
      if (r.subAttribute() != null && r.subAttribute().mutability() == Mutability.READ_ONLY) {
        throw ScimException.mutability("attribute '" + display + "' is read-only");
      }
    }

    private void checkSubWritable(AttributeDefinition def, AttributeDefinition sub, ObjectNode element, JsonNode v,
        String display) {
      if (sub.mutability() == Mutability.READ_ONLY) {
        throw ScimException.mutability("sub-attribute '" + def.name() + "." + sub.name() + "' is read-only");
      }
      JsonNode cur = element.get(sub.name());
      if (sub.mutability() == Mutability.IMMUTABLE && cur != null && !cur.isNull() && (v == null || !cur.equals(v))) {
        throw ScimException.mutability("sub-attribute '" + def.name() + "." + sub.name() + "' is immutable ("
            + display + ")");
      }
    }

    private void checkSubRemovable(AttributeDefinition def, AttributeDefinition sub, String display) {
      if (sub.required() || sub.mutability() == Mutability.READ_ONLY || sub.mutability() == Mutability.IMMUTABLE) {
        throw ScimException.mutability("sub-attribute '" + def.name() + "." + sub.name() + "' cannot be removed ("
            + display + ")");
      }
    }

    private void checkRemovable(ResolvedAttribute r, String display) {
      AttributeDefinition d = r.attribute();
      if (d.required()) {
        throw ScimException.mutability("attribute '" + display + "' is required and cannot be removed");
      }
      if (d.mutability() == Mutability.IMMUTABLE && get(r) != null) {
        throw ScimException.mutability("attribute '" + display + "' is immutable and cannot be removed");
      }
    }

    private void setSub(ObjectNode obj, AttributeDefinition sub, JsonNode v, String display) {
      if (sub.mutability() == Mutability.READ_ONLY) {
        throw ScimException.mutability("attribute '" + display + "' is read-only");
      }
      if (v == null) {
        obj.remove(sub.name());
      } else {
        obj.set(sub.name(), v);
      }
    }

    private ObjectNode container(ResolvedAttribute r, boolean create) {
      if (!r.extension()) {
        return doc;
      }
      JsonNode ext = doc.get(r.schemaUri());
      if (ext instanceof ObjectNode eo) {
        return eo;
      }
      return create ? doc.putObject(r.schemaUri()) : null;
    }

    private JsonNode get(ResolvedAttribute r) {
      ObjectNode c = container(r, false);
      JsonNode v = c == null ? null : c.get(r.attribute().name());
      return v == null || v.isNull() ? null : v;
    }

    private ArrayNode array(ResolvedAttribute r) {
      return get(r) instanceof ArrayNode a ? a : null;
    }

    private ObjectNode complex(ResolvedAttribute r, boolean create) {
      JsonNode v = get(r);
      if (v instanceof ObjectNode o) {
        return o;
      }
      if (!create) {
        return null;
      }
      ObjectNode o = NODES.objectNode();
      set(r, o);
      return o;
    }

    private void set(ResolvedAttribute r, JsonNode v) {
      if (v == null) {
        ObjectNode c = container(r, false);
        if (c != null) {
          c.remove(r.attribute().name());
          if (r.extension() && c.isEmpty()) {
            doc.remove(r.schemaUri());
          }
        }
        return;
      }
      container(r, true).set(r.attribute().name(), v);
    }

    private void touch(ResolvedAttribute r) {
      ResolvedAttribute top = new ResolvedAttribute(r.schemaUri(), r.extension(), r.attribute(), null);
      String key = top.canonicalPath();
      touched.add(key);
      touchedAttrs.putIfAbsent(key.toLowerCase(Locale.ROOT), top);
    }

    private void removeEmptyElements(ResolvedAttribute r, ArrayNode arr) {
      for (int i = arr.size() - 1; i >= 0; i--) {
        JsonNode e = arr.get(i);
        if (e.isObject() && e.isEmpty()) {
          arr.remove(i);
        }
      }
      if (arr.isEmpty() && get(r) == arr) {
        set(r, null);
      }
    }

    /** After {@code written} values were written, at most one value stays primary: the last written one. */
    private void primaryAfterWrite(ResolvedAttribute r, ArrayNode arr, List<JsonNode> written) {
      AttributeDefinition def = r.attribute();
      if (arr == null || def.subAttribute("primary") == null) {
        return;
      }
      JsonNode keep = null;
      List<JsonNode> candidates = written == null ? toList(arr) : written;
      for (JsonNode e : candidates) {
        if (isPrimary(e)) {
          keep = e;
        }
      }
      if (keep == null) {
        return;
      }
      for (JsonNode e : arr) {
        if (e != keep && isPrimary(e)) {
          ((ObjectNode) e).put("primary", false);
        }
      }
    }

    /** The values one operation sends may mark at most one value primary (RFC 7643 §2.4). */
    private void checkOnePrimary(AttributeDefinition def, JsonNode values, String display) {
      if (def.subAttribute("primary") == null || !values.isArray()) {
        return;
      }
      int primaries = 0;
      for (JsonNode e : values) {
        if (isPrimary(e)) {
          primaries++;
        }
      }
      if (primaries > 1) {
        throw ScimException.invalidValue("the value of '" + display + "' marks " + primaries
            + " values primary; at most one may be");
      }
    }

    private List<JsonNode> toList(ArrayNode arr) {
      List<JsonNode> l = new ArrayList<>(arr.size());
      arr.forEach(l::add);
      return l;
    }

    private boolean isPrimary(JsonNode e) {
      JsonNode p = e.get("primary");
      return p != null && p.isBoolean() && p.booleanValue();
    }

    /** Keeps {@code schemas} equal to the core schema plus the extensions present. */
    private void fixSchemas() {
      ArrayNode schemas = NODES.arrayNode();
      schemas.add(schema.core().id());
      for (Schema ext : schema.extensions()) {
        JsonNode e = doc.get(ext.id());
        if (e instanceof ObjectNode eo && !eo.isEmpty()) {
          schemas.add(ext.id());
        } else if (e != null) {
          doc.remove(ext.id());
        }
      }
      JsonNode old = doc.get("schemas");
      if (old == null || !old.equals(schemas)) {
        // keep schemas first, as the validator writes it
        ObjectNode reordered = NODES.objectNode();
        reordered.set("schemas", schemas);
        doc.properties().forEach(p -> {
          if (!p.getKey().equals("schemas")) {
            reordered.set(p.getKey(), p.getValue());
          }
        });
        doc.removeAll();
        doc.setAll(reordered);
      }
    }

    private ChangeSet changes() {
      Set<String> changed = new LinkedHashSet<>();
      Map<String, ValueDelta> deltas = new LinkedHashMap<>();
      for (ResolvedAttribute r : touchedAttrs.values()) {
        String key = r.canonicalPath();
        if (delegated != null && sameAttribute(r, delegated)) {
          ValueDelta d = new ValueDelta(cleared, removed, added);
          if (!d.isEmpty()) {
            changed.add(key);
            deltas.put(key, d);
          }
          continue;
        }
        JsonNode was = valueIn(before, r);
        JsonNode now = valueIn(doc, r);
        if (!Objects.equals(was, now)) {
          changed.add(key);
          AttributeDefinition def = r.attribute();
          if (def.multiValued() && def.subAttribute("value") != null) {
            deltas.put(key, diff(was, now));
          }
        }
      }
      return new ChangeSet(changed, deltas);
    }

    private JsonNode valueIn(ObjectNode root, ResolvedAttribute r) {
      JsonNode c = r.extension() ? root.get(r.schemaUri()) : root;
      JsonNode v = c == null ? null : c.get(r.attribute().name());
      return v == null || v.isNull() ? null : v;
    }

    private ValueDelta diff(JsonNode was, JsonNode now) {
      Map<String, ObjectNode> before = byValue(was);
      Map<String, ObjectNode> after = byValue(now);
      Set<String> gone = new LinkedHashSet<>();
      for (String k : before.keySet()) {
        if (!after.containsKey(k)) {
          gone.add(k);
        }
      }
      Map<String, ObjectNode> plus = new LinkedHashMap<>();
      after.forEach((k, v) -> {
        if (!before.containsKey(k)) {
          plus.put(k, v);
        }
      });
      return new ValueDelta(false, gone, plus);
    }

    private Map<String, ObjectNode> byValue(JsonNode list) {
      Map<String, ObjectNode> m = new LinkedHashMap<>();
      if (list instanceof ArrayNode arr) {
        for (JsonNode e : arr) {
          JsonNode v = e.get("value");
          if (e instanceof ObjectNode eo && v != null && v.isString()) {
            m.putIfAbsent(v.stringValue(), eo);
          }
        }
      }
      return m;
    }
  }

  /**
   * Two values of a multi-valued attribute are the same when their {@code value} (and {@code
   * type}, when both have one) are equal, or, without {@code value}, when they are equal apart
   * from {@code primary}.
   */
  static boolean sameElement(AttributeDefinition def, JsonNode a, JsonNode b) {
    if (!def.isComplex() || !a.isObject() || !b.isObject()) {
      if (a.isString() && b.isString() && !def.caseExact()) {
        return a.stringValue().equalsIgnoreCase(b.stringValue());
      }
      return a.equals(b);
    }
    AttributeDefinition valueDef = def.subAttribute("value");
    JsonNode av = a.get("value");
    JsonNode bv = b.get("value");
    if (valueDef != null && av != null && bv != null) {
      boolean sameValue = av.isString() && bv.isString() && !valueDef.caseExact()
          ? av.stringValue().equalsIgnoreCase(bv.stringValue()) : av.equals(bv);
      if (!sameValue) {
        return false;
      }
      JsonNode at = a.get("type");
      JsonNode bt = b.get("type");
      return at == null || bt == null || at.asString().equalsIgnoreCase(bt.asString());
    }
    ObjectNode ac = ((ObjectNode) a).deepCopy();
    ObjectNode bc = ((ObjectNode) b).deepCopy();
    ac.remove("primary");
    bc.remove("primary");
    return ac.equals(bc);
  }
}
