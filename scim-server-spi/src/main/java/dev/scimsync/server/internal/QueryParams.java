package dev.scimsync.server.internal;

import dev.scimsync.core.error.ScimException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The query parameters of a request, names case-insensitive, first value wins. */
public final class QueryParams {

  private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  private QueryParams() {}

  /** Parses a raw query string ({@code +} and percent escapes decoded as in HTML forms). */
  public static QueryParams parse(String rawQuery) {
    QueryParams q = new QueryParams();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return q;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      q.values.putIfAbsent(name, value);
    }
    return q;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ScimException.invalidValue("malformed percent-encoding in the query string");
    }
  }

  /** The value of {@code name}, or null. */
  public String get(String name) {
    return values.get(name);
  }

  /** True when {@code name} was given (possibly empty). */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** An integer parameter, or {@code dflt} when absent. */
  public Integer integer(String name, Integer dflt) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      if (v.trim().matches("-?\\d+")) {
        // beyond int range: clamp, the page logic lowers it anyway
        return v.trim().startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
      }
      throw ScimException.invalidValue("query parameter " + name.toLowerCase(Locale.ROOT)
          + " must be an integer");
    }
  }
}
