package dev.scimsync.server.event;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Which attribute values an audit record keeps. {@link #namesOnly()} (the default) keeps none: the
 * trail says which attributes changed, not to what. {@link #allExcept} keeps values but replaces
 * the listed attributes' with {@value #REDACTED}; {@link #only} keeps the listed ones and redacts
 * the rest. Passwords are never kept, whatever the policy. Paths match ignoring case, and a listed
 * attribute covers its sub-attributes ({@code name} covers {@code name.familyName}). Immutable.
 */
public final class AuditRedaction {

  /** What a redacted value becomes. */
  public static final String REDACTED = "[redacted]";

  private enum Mode { NAMES_ONLY, ALL_EXCEPT, ONLY }

  private static final AuditRedaction NAMES_ONLY = new AuditRedaction(Mode.NAMES_ONLY, Set.of());

  private final Mode mode;
  private final Set<String> paths;

  private AuditRedaction(Mode mode, Set<String> paths) {
    this.mode = mode;
    Set<String> lower = new TreeSet<>();
    paths.forEach(p -> lower.add(Objects.requireNonNull(p).toLowerCase(Locale.ROOT)));
    this.paths = Set.copyOf(lower);
  }

  /** No values, only the names of changed attributes. */
  public static AuditRedaction namesOnly() {
    return NAMES_ONLY;
  }

  /** Values, except those of {@code redacted} (e.g. {@code emails}, {@code phoneNumbers}). */
  public static AuditRedaction allExcept(Set<String> redacted) {
    return new AuditRedaction(Mode.ALL_EXCEPT, redacted);
  }

  /** Only the values of {@code kept} (e.g. {@code active}, {@code title}); others redacted. */
  public static AuditRedaction only(Set<String> kept) {
    return new AuditRedaction(Mode.ONLY, kept);
  }

  /** True when this policy keeps no values at all. */
  public boolean namesOnlyPolicy() {
    return mode == Mode.NAMES_ONLY;
  }

  /**
   * True for a password, in any schema and with its sub-attributes: values the trail never keeps.
   */
  public static boolean isSecret(String attributePath) {
    String p = attributePath.toLowerCase(Locale.ROOT);
    return p.equals("password") || p.startsWith("password.") || p.endsWith(":password")
        || p.contains(":password.");
  }

  /**
   * What the trail keeps of {@code value} at {@code path}: the value, {@value #REDACTED}, or null
   * for nothing at all (names-only policy).
   */
  public @Nullable JsonNode apply(String path, @Nullable JsonNode value) {
    if (mode == Mode.NAMES_ONLY) {
      return null;
    }
    if (isSecret(path)) {
      return JsonNodeFactory.instance.stringNode(REDACTED);
    }
    boolean listed = listed(path.toLowerCase(Locale.ROOT));
    boolean keep = mode == Mode.ALL_EXCEPT ? !listed : listed;
    if (!keep) {
      return JsonNodeFactory.instance.stringNode(REDACTED);
    }
    return value == null ? JsonNodeFactory.instance.nullNode() : value;
  }

  private boolean listed(String path) {
    for (String p : paths) {
      if (path.equals(p) || path.startsWith(p + ".") || path.endsWith(":" + p) || path.contains(":" + p + ".")) {
        return true;
      }
    }
    return false;
  }
}
