package dev.scimsync.core.patch;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.filter.PatchPath;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One PATCH operation ready for the {@link PatchEngine}: the operation, the parsed path (null for
 * a pathless operation) and the value as sent (null when none was sent).
 *
 * @param op add, remove or replace
 * @param path the target, or null
 * @param value the value, or null
 */
public record Operation(Op op, PatchPath path, JsonNode value) {

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
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The op for a wire value: lower case only, or any case with {@code anyCase} (Entra ID sends
     * {@code "Replace"}).
     *
     * @throws ScimException 400 invalidSyntax naming the value
     */
    public static Op fromWireName(String value, boolean anyCase) {
      for (Op op : values()) {
        if (anyCase ? op.wireName().equalsIgnoreCase(value) : op.wireName().equals(value)) {
          return op;
        }
      }
      String shown = value == null ? "null" : value.length() > 40 ? value.substring(0, 37) + "..." : value;
      for (Op op : values()) {
        if (op.wireName().equalsIgnoreCase(value)) {
          throw ScimException.invalidSyntax("PATCH op \"" + shown + "\" must be lower case: \"" + op.wireName() + "\"");
        }
      }
      throw ScimException.invalidSyntax("unknown PATCH op \"" + shown + "\"; expected add, remove or replace");
    }
  }

  /** Requires an operation. */
  public Operation {
    Objects.requireNonNull(op, "op");
  }

  /** {@code add} at {@code path} (text, parsed strictly), or pathless when {@code path} is null. */
  public static Operation add(String path, JsonNode value) {
    return new Operation(Op.ADD, path == null ? null : PatchPath.parse(path), value);
  }

  /** {@code replace} at {@code path}, or pathless when null. */
  public static Operation replace(String path, JsonNode value) {
    return new Operation(Op.REPLACE, path == null ? null : PatchPath.parse(path), value);
  }

  /** {@code remove} at {@code path}. */
  public static Operation remove(String path) {
    return new Operation(Op.REMOVE, PatchPath.parse(path), null);
  }

  /** {@code remove} at {@code path} with a value list (Entra ID's member removal). */
  public static Operation remove(String path, JsonNode value) {
    return new Operation(Op.REMOVE, PatchPath.parse(path), value);
  }
}
