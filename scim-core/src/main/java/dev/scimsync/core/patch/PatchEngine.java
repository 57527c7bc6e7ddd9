package dev.scimsync.core.patch;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.internal.Access;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.validation.ResourceValidator;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.PatchPath;
import dev.scimsync.filter.eval.FilterEvaluator;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>Where each rule lives (package-private classes of this package): {@code PathResolver} (what a
 * path points to), {@code AddReplace} (add and replace, pathless or not), {@code Removal}
 * (remove), {@code CreateOnFilter} (the Entra rule above), {@code PrimaryRule} (one primary
 * value), {@code WriteRules} (mutability and required checks), {@code DeltaRecorder} (changes
 * to an attribute applied as a delta), {@code SchemasFixup} ({@code schemas} follows the
 * extensions present), {@code ChangeDiff} (the change set) and {@code WorkingCopy} (the private
 * copy the operations edit).
 */
public final class PatchEngine {

  private final ResourceSchema schema;
  private final Tolerance tolerance;
  private final ResourceValidator validator;
  private final FilterEvaluator evaluator;
  private final boolean indexes;

  /** An engine for resources of {@code schema}, reading values with {@code tolerance}. */
  public PatchEngine(ResourceSchema schema, Tolerance tolerance) {
    this(schema, tolerance, true);
  }

  /** Without {@code indexes}, every operation scans its list: what the indexed paths must agree with (tests). */
  PatchEngine(ResourceSchema schema, Tolerance tolerance, boolean indexes) {
    this.indexes = indexes;
    this.schema = Objects.requireNonNull(schema, "schema");
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    this.validator = new ResourceValidator(schema, tolerance);
    this.evaluator = FilterEvaluator.builder().schema(schema).tolerant(tolerance.stringBooleans()).build();
  }

  /** The tolerance this engine reads values with; read PATCH bodies with the same one. */
  public Tolerance tolerance() {
    return tolerance;
  }

  /** The schema of the resources this engine patches. */
  public ResourceSchema schema() {
    return schema;
  }

  /**
   * Applies {@code operations} to {@code resource} in order.
   *
   * @return the patched resource and what changed; for each multi-valued attribute with a {@code
   *     value} sub-attribute that the operations touched ({@code members}, {@code emails}, ...)
   *     the change set has a {@link ValueDelta}
   * @throws ScimException 400 with invalidPath, noTarget, mutability, invalidValue or invalidSyntax
   */
  public PatchResult apply(ScimResource resource, List<PatchOperation> operations) {
    return run(resource, null, operations);
  }

  /** Applies the operations of a parsed PATCH request; see {@link #apply(ScimResource, List)}. */
  public PatchResult apply(ScimResource resource, PatchRequest request) {
    return apply(resource, request.operations());
  }

  /**
   * Reads a PATCH body with this engine's {@link #tolerance()} and the default operation limit:
   * the one way to make reading and applying agree on what is accepted.
   *
   * @throws ScimException 400 for a malformed body; see {@link PatchRequest#fromJson(JsonNode, Tolerance, int)}
   */
  public PatchRequest read(JsonNode body) {
    return PatchRequest.fromJson(body, tolerance, PatchRequest.DEFAULT_MAX_OPERATIONS);
  }

  /** Reads a PATCH body (JSON text) with this engine's tolerance; see {@link #read(JsonNode)}. */
  public PatchRequest read(String body) {
    return PatchRequest.fromJson(body, tolerance, PatchRequest.DEFAULT_MAX_OPERATIONS);
  }

  /** Reads a PATCH body with this engine's tolerance and at most {@code maxOperations} operations. */
  public PatchRequest read(JsonNode body, int maxOperations) {
    return PatchRequest.fromJson(body, tolerance, maxOperations);
  }

  /**
   * Whether every operation that touches the multi-valued attribute {@code attribute} (e.g. {@code
   * members}) can be expressed as a {@link ValueDelta}, so that {@link #applyAsDelta} may be used
   * with a resource loaded without that attribute.
   *
   * @throws IllegalArgumentException when {@code attribute} is not multi-valued with a {@code value}
   *     sub-attribute
   */
  public boolean canApplyAsDelta(List<PatchOperation> operations, String attribute) {
    ResolvedAttribute target = deltaTarget(attribute);
    for (PatchOperation op : operations) {
      if (!DeltaRecorder.expressible(schema, target, op)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Applies {@code operations} to a resource that was loaded without {@code attribute}: the
   * operations on that attribute are not applied but returned as its {@link ValueDelta} in the
   * change set, for the store to apply. Call only when {@link #canApplyAsDelta} is true.
   *
   * @throws IllegalArgumentException when the operations cannot be applied as a delta, or when
   *     {@code resourceWithout} still holds values of {@code attribute} (they would be silently
   *     kept beside the delta)
   */
  public PatchResult applyAsDelta(ScimResource resourceWithout, List<PatchOperation> operations, String attribute) {
    ResolvedAttribute target = deltaTarget(attribute);
    if (!canApplyAsDelta(operations, attribute)) {
      throw new IllegalArgumentException("these operations need the values of '" + attribute + "'");
    }
    if (WorkingCopy.valueIn(Access.node(resourceWithout), target) != null) {
      throw new IllegalArgumentException("the resource must be loaded without '" + attribute
          + "' to apply its changes as a delta; it holds values of it");
    }
    return run(resourceWithout, target, operations);
  }

  private ResolvedAttribute deltaTarget(String attribute) {
    ResolvedAttribute target = schema.resolve(AttributePath.parse(attribute));
    if (target == null || !target.attribute().multiValued() || target.attribute().subAttribute("value") == null) {
      throw new IllegalArgumentException(attribute + " is not a multi-valued attribute with a value sub-attribute");
    }
    return target;
  }

  private PatchResult run(ScimResource resource, @Nullable ResolvedAttribute deltaAttribute,
      List<PatchOperation> operations) {
    if (operations.isEmpty()) {
      throw ScimException.invalidValue("a PATCH request needs at least one operation");
    }
    Object memo = Access.memo(resource);
    WorkingCopy doc = new WorkingCopy(Access.node(resource), memo instanceof ValueIndex known ? known : null, indexes,
        memo != null);
    DeltaRecorder delta = deltaAttribute == null ? null : new DeltaRecorder(deltaAttribute, doc);
    PathResolver paths = new PathResolver(schema, tolerance);
    Removal removal = new Removal(schema, validator, evaluator, doc, delta);
    AddReplace writes = new AddReplace(tolerance, validator, evaluator, doc, delta, removal);
    int index = 0;
    for (PatchOperation op : operations) {
      try {
        apply(op, paths, writes, removal);
      } catch (ScimException e) {
        PatchPath p = op.patchPath();
        throw new ScimException(e.status(), e.scimType(),
            "operation " + index + " (" + op.op().wireName() + (p == null ? "" : " " + p) + "): " + e.detail(), e);
      } catch (dev.scimsync.filter.FilterException e) {
        ScimException se = ScimException.from(e);
        throw new ScimException(se.status(), se.scimType(), "operation " + index + ": " + se.detail(), e);
      }
      index++;
    }
    SchemasFixup.apply(schema, doc.doc());
    validator.checkComplete(doc.doc());
    ChangeSet changes = ChangeDiff.changes(doc, delta);
    ValueIndex built = doc.builtIndex();
    if (built != null) {
      Access.memo(resource, built);
    } else if (memo == null) {
      Access.memo(resource, ValueIndex.WANTED);
    }
    ValueIndex carried = doc.resultIndex();
    return new PatchResult(Access.wrap(doc.doc(), carried != null ? carried : ValueIndex.WANTED), changes);
  }

  private static void apply(PatchOperation op, PathResolver paths, AddReplace writes, Removal removal) {
    PatchPath path = op.patchPath();
    if (path == null) {
      if (op.op() == PatchOperation.Op.REMOVE) {
        throw ScimException.noTarget("remove needs a path");
      }
      writes.pathless(op.op(), Access.value(op));
      return;
    }
    Target t = paths.resolve(path);
    if (t == null) {
      return; // unknown attribute, ignored by tolerance
    }
    switch (op.op()) {
      case ADD -> writes.addOrReplace(t, Access.value(op), false);
      case REPLACE -> writes.addOrReplace(t, Access.value(op), true);
      case REMOVE -> removal.remove(t, Access.value(op));
      default -> throw new IllegalStateException();
    }
  }
}
