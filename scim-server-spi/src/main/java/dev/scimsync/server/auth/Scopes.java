package dev.scimsync.server.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The scopes a credential may carry, and what they allow. {@code scim.read} and {@code
 * scim.write} cover every resource type; {@code scim.<type>.read} and {@code scim.<type>.write}
 * one type, named by its endpoint in lower case ({@code scim.users.write}, {@code
 * scim.groups.read}, {@code scim.devices.write} for a custom {@code /Devices}).
 *
 * <p>A write scope implies the read scope of the same reach: every write answers with the
 * resource, and identity providers look a user up before they create or change it, so a
 * write-only credential could not provision and would not hide anything. Discovery endpoints
 * ({@code /ServiceProviderConfig}, {@code /ResourceTypes}, {@code /Schemas}) need no scope.
 */
public final class Scopes {

  /** Read every resource type. */
  public static final String READ = "scim.read";

  /** Read and write every resource type. */
  public static final String WRITE = "scim.write";

  /** Full access: what a credential without configured scopes gets. */
  public static final Set<String> ALL = Set.of(READ, WRITE);

  private Scopes() {}

  /** The read scope of one resource type, e.g. {@code scim.users.read} for {@code Users}. */
  public static String read(String endpoint) {
    return "scim." + typeName(endpoint) + ".read";
  }

  /** The write scope of one resource type, e.g. {@code scim.users.write} for {@code Users}. */
  public static String write(String endpoint) {
    return "scim." + typeName(endpoint) + ".write";
  }

  /**
   * True when {@code granted} allows reading ({@code write} false) or writing resources at
   * {@code endpoint} ({@code Users}, {@code /Users} or {@code users}).
   */
  public static boolean permits(Collection<String> granted, String endpoint, boolean write) {
    if (granted.contains(WRITE) || granted.contains(write(endpoint))) {
      return true;
    }
    return !write && (granted.contains(READ) || granted.contains(read(endpoint)));
  }

  /**
   * The scopes in a space-separated list such as an OAuth {@code scope} claim or parameter;
   * empty for null or blank.
   */
  public static Set<String> parse(@Nullable String spaceSeparated) {
    Set<String> out = new LinkedHashSet<>();
    if (spaceSeparated != null) {
      for (String s : spaceSeparated.trim().split("\\s+")) {
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return Set.copyOf(out);
  }

  private static String typeName(String endpoint) {
    String e = endpoint.startsWith("/") ? endpoint.substring(1) : endpoint;
    return e.toLowerCase(Locale.ROOT);
  }
}
