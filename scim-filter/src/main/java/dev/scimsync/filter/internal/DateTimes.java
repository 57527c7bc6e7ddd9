package dev.scimsync.filter.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads SCIM {@code dateTime} values (xsd:dateTime, RFC 7643 §2.3.5) such as {@code
 * 2011-05-13T04:42:34Z}, {@code 2011-05-13T04:42:34.123+02:00} or, without a zone, {@code
 * 2011-05-13T04:42:34} (taken as UTC). Internal: exported only to the scimsync modules, not API.
 */
public final class DateTimes {

  private DateTimes() {}

  /** The instant {@code text} denotes, or null when it is not an xsd:dateTime. */
  public static Instant parse(String text) {
    int n = text.length();
    if (n < 19 || text.charAt(4) != '-' || text.charAt(7) != '-'
        || (text.charAt(10) != 'T' && text.charAt(10) != 't')
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    int p = 19;
    int nanos = 0;
    if (p < n && text.charAt(p) == '.') {
      p++;
      int startFraction = p;
      int scale = 100_000_000;
      while (p < n && text.charAt(p) >= '0' && text.charAt(p) <= '9') {
        nanos += (text.charAt(p) - '0') * scale;
        scale /= 10;
        p++;
      }
      if (p == startFraction) {
        return null;
      }
    }
    int offsetSeconds = 0;
    if (p < n) {
      char z = text.charAt(p);
      if ((z == 'Z' || z == 'z') && p + 1 == n) {
        p++;
      } else if ((z == '+' || z == '-') && p + 6 == n && text.charAt(p + 3) == ':') {
        int oh = digits(text, p + 1, 2);
        int om = digits(text, p + 4, 2);
        if ((oh | om) < 0 || oh > 14 || om > 59) {
          return null;
        }
        offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
        p += 6;
      } else {
        return null;
      }
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** True when {@code text} is an xsd:dateTime. */
  public static boolean isDateTime(String text) {
    return parse(text) != null;
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
