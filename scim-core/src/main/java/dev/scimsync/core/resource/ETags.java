package dev.scimsync.core.resource;

import dev.scimsync.core.internal.Access;
import dev.scimsync.core.json.ScimJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Entity tags for resources (RFC 7644 §3.14, RFC 9110 §8.8.3): versions derived from content or
 * from a counter, and the {@code If-Match} / {@code If-None-Match} comparisons a server needs.
 * SCIM versions are weak tags ({@code W/"..."}); comparison here is weak, as RFC 9110 prescribes
 * for {@code If-None-Match} and as SCIM servers use it for {@code If-Match}.
 */
public final class ETags {

  private ETags() {}

  /**
   * A weak tag derived from the resource's content, ignoring {@code meta}: two resources with the
   * same attributes get the same tag, any change of an attribute a new one.
   */
  public static String fromContent(ScimResource resource) {
    ObjectNode copy = Access.node(resource).deepCopy();
    copy.remove("meta");
    byte[] digest = sha256(ScimJson.writeBytes(sorted(copy)));
    return weak(Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22));
  }

  /** A weak tag for a version counter, e.g. {@code W/"7"}. */
  public static String fromCounter(long version) {
    return weak(Long.toString(version));
  }

  /** {@code W/"opaque"}. The opaque part may not contain a double quote. */
  public static String weak(String opaque) {
    if (opaque.indexOf('"') >= 0) {
      throw new IllegalArgumentException("an entity tag cannot contain '\"'");
    }
    return "W/\"" + opaque + "\"";
  }

  /**
   * Whether a precondition header ({@code If-Match} or {@code If-None-Match}) names {@code
   * version}: true for {@code *} when a version exists, or when any listed tag equals it under weak
   * comparison. A null or blank header names nothing.
   */
  public static boolean matches(@Nullable String header, @Nullable String version) {
    if (header == null || header.isBlank()) {
      return false;
    }
    List<String> tags = parse(header);
    if (tags.contains("*")) {
      return version != null;
    }
    if (version == null) {
      return false;
    }
    String opaque = opaque(version);
    for (String t : tags) {
      if (opaque(t).equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  /** The tags in a header: {@code "*"} or a comma-separated list of (weak or strong) quoted tags. */
  public static List<String> parse(String header) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = header.length();
    while (i < n) {
      char c = header.charAt(i);
      if (c == ' ' || c == '\t' || c == ',') {
        i++;
        continue;
      }
      if (c == '*') {
        out.add("*");
        i++;
        continue;
      }
      int start = i;
      if (header.startsWith("W/", i)) {
        i += 2;
      }
      if (i < n && header.charAt(i) == '"') {
        int close = header.indexOf('"', i + 1);
        if (close < 0) {
          break;
        }
        out.add(header.substring(start, close + 1));
        i = close + 1;
      } else {
        // an unquoted tag, as some clients send: take it up to the next comma
        int comma = header.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        out.add(header.substring(start, end).trim());
        i = end;
      }
    }
    return out;
  }

  /** The tag without {@code W/} and quotes. */
  static String opaque(String tag) {
    String t = tag.trim();
    if (t.startsWith("W/")) {
      t = t.substring(2);
    }
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      t = t.substring(1, t.length() - 1);
    }
    return t;
  }

  private static ObjectNode sorted(ObjectNode node) {
    ObjectNode out = ScimJson.object();
    node.propertyNames().stream().sorted().forEach(k -> {
      var v = node.get(k);
      out.set(k, v instanceof ObjectNode o ? sorted(o) : v);
    });
    return out;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
