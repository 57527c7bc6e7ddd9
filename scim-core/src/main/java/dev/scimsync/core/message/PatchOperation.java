package dev.scimsync.core.message;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.FilterParser;
import dev.scimsync.filter.PatchPath;
import dev.scimsync.filter.internal.Texts;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One operation of a PATCH request (RFC 7644 §3.5.2): {@code op}, optional {@code path} and
 * {@code value}. Immutable; the value is copied in and out. The path is checked when the operation
 * is made, so {@link #patchPath()} never fails.
 *
 * <p>Rules enforced: {@code remove} needs a path (400 noTarget, RFC 7644 §3.5.2.2); {@code add}
 * and {@code replace} need a value (400 invalidSyntax); a path must parse (400 invalidPath). A
 * {@code remove} may carry a value, as Entra ID sends for group members.
 */
public final class PatchOperation {

  /** The three PATCH operations of RFC 7644 §3.5.2. */
  public enum Op {
    /** {@code add} */
    ADD,
    /** {@code remove} */
    REMOVE,
    /** {@code replace} */
    REPLACE;

    /** The lower-case wire name. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The op for a wire value: lower case only, or any case with {@code anyCase} (Entra ID sends
     * {@code "Replace"}).
     *
     * @throws ScimException 400 invalidSyntax naming the value
     */
    public static Op fromWireName(@Nullable String value, boolean anyCase) {
      for (Op op : values()) {
        if (anyCase ? op.wireName().equalsIgnoreCase(value) : op.wireName().equals(value)) {
          return op;
        }
      }
      String shown = value == null ? "null" : Texts.abbreviate(value, 40);
      for (Op op : values()) {
        if (op.wireName().equalsIgnoreCase(value)) {
          throw ScimException.invalidSyntax("PATCH op \"" + shown + "\" must be lower case: \"" + op.wireName() + "\"");
        }
      }
      throw ScimException.invalidSyntax("unknown PATCH op \"" + shown + "\"; expected add, remove or replace");
    }
  }

  static {
    dev.scimsync.core.internal.Access.install(op -> op.value);
  }

  private final Op op;
  private final @Nullable String path;
  private final @Nullable PatchPath patchPath;
  private final @Nullable JsonNode value;

  private PatchOperation(Op op, @Nullable String path, @Nullable JsonNode value, FilterParser parser) {
    this(op, path, parse(path, parser), value);
  }

  private PatchOperation(Op op, @Nullable String path, @Nullable PatchPath patchPath, @Nullable JsonNode value) {
    this.op = Objects.requireNonNull(op, "op");
    this.path = path;
    this.patchPath = patchPath;
    this.value = Wire.copy(value);
    if (op == Op.REMOVE && path == null) {
      throw ScimException.noTarget("a PATCH remove needs a 'path' (RFC 7644 §3.5.2.2)");
    }
    if (op != Op.REMOVE && value == null) {
      throw ScimException.invalidSyntax("a PATCH " + op.wireName() + " needs a 'value'");
    }
  }

  private static @Nullable PatchPath parse(@Nullable String path, FilterParser parser) {
    if (path == null) {
      return null;
    }
    try {
      return parser.parsePath(path);
    } catch (FilterException e) {
      throw new ScimException(400, dev.scimsync.core.error.ScimType.INVALID_PATH,
          "invalid PATCH path: " + e.getMessage(), e);
    }
  }

  /**
   * An operation on an already parsed path (null for a pathless operation); {@link #path()} is its
   * printed form.
   *
   * @throws ScimException 400 noTarget or invalidSyntax as described above
   */
  public static PatchOperation of(Op op, @Nullable PatchPath path, @Nullable JsonNode value) {
    return new PatchOperation(op, path == null ? null : path.toString(), path, value);
  }

  /**
   * An operation; the path (may be null) is parsed with the strict parser.
   *
   * @throws ScimException 400 invalidPath, noTarget or invalidSyntax as described above
   */
  public static PatchOperation of(Op op, @Nullable String path, @Nullable JsonNode value) {
    return new PatchOperation(op, path, value, FilterParser.strict());
  }

  /** {@code add} of {@code value} at {@code path} (null for the resource itself). */
  public static PatchOperation add(@Nullable String path, JsonNode value) {
    return of(Op.ADD, path, value);
  }

  /** {@code replace} with {@code value} at {@code path} (null for the resource itself). */
  public static PatchOperation replace(@Nullable String path, JsonNode value) {
    return of(Op.REPLACE, path, value);
  }

  /** {@code remove} of what {@code path} selects. */
  public static PatchOperation remove(String path) {
    return of(Op.REMOVE, path, null);
  }

  /** {@code remove} of the listed values of what {@code path} selects (Entra ID's member removal). */
  public static PatchOperation remove(String path, JsonNode value) {
    return of(Op.REMOVE, path, value);
  }

  /** The operation type. */
  public Op op() {
    return op;
  }

  /** The path as sent, or null when the operation targets the resource itself. */
  public @Nullable String path() {
    return path;
  }

  /** The parsed path, or null when there is none. */
  public @Nullable PatchPath patchPath() {
    return patchPath;
  }

  /** A copy of the value, or null when none was sent; JSON null only if it was read with nullAsAbsent. */
  public @Nullable JsonNode value() {
    return Wire.copy(value);
  }

  /**
   * Reads one operation. Strictly, {@code op} must be lower case, a path must follow the RFC
   * grammar, and {@code add}/{@code replace} need a non-null value. {@code tolerance.anyCaseOperations()}
   * accepts {@code "Replace"} (Entra ID); {@code unquotedFilterValues()} accepts
   * {@code members[value eq 123]}-style paths; {@code nullAsAbsent()} lets {@code "value": null}
   * through as a JSON null for the PATCH engine to interpret. A null {@code path} is read as absent.
   *
   * @param tolerance the deviations accepted; null means strict
   * @throws ScimException 400 invalidSyntax, invalidPath, noTarget or invalidValue naming the problem
   */
  public static PatchOperation fromJson(@Nullable JsonNode json, @Nullable Tolerance tolerance) {
    Tolerance t = Wire.orStrict(tolerance);
    if (json == null || !json.isObject()) {
      throw ScimException.invalidSyntax("a PATCH operation must be a JSON object, not " + ScimJson.describe(json));
    }
    ObjectNode o = (ObjectNode) json;
    JsonNode opNode = Wire.get(o, "op");
    if (opNode == null || Wire.absent(opNode)) {
      throw ScimException.invalidSyntax("a PATCH operation has no 'op'");
    }
    if (!opNode.isString()) {
      throw ScimException.invalidSyntax("PATCH 'op' must be a string, not " + ScimJson.describe(opNode));
    }
    Op op = Op.fromWireName(opNode.stringValue(), t.anyCaseOperations());
    String path = Wire.string(o, "path");
    JsonNode value = Wire.get(o, "value");
    if (value != null && value.isNull() && op != Op.REMOVE) {
      if (!t.nullAsAbsent()) {
        throw ScimException.invalidSyntax("a PATCH " + op.wireName() + " needs a 'value'; null is not a value");
      }
    } else if (value != null && value.isNull()) {
      value = null;
    }
    FilterParser parser = t.unquotedFilterValues() ? FilterParser.tolerant() : FilterParser.strict();
    return new PatchOperation(op, path, value, parser);
  }

  /** The RFC 7644 wire form: lower-case {@code op}, {@code path} and {@code value} when present. */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    o.put("op", op.wireName());
    if (path != null) {
      o.put("path", path);
    }
    if (value != null) {
      o.set("value", value.deepCopy());
    }
    return o;
  }

  /** Equal when op, path text and value are equal. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PatchOperation p && op == p.op && Objects.equals(path, p.path)
        && Objects.equals(value, p.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(op, path, value);
  }

  /** The wire form as compact JSON. */
  @Override
  public String toString() {
    return ScimJson.write(toJson());
  }
}
