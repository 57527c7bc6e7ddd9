package dev.scimsync.filter;

import dev.scimsync.filter.internal.Texts;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Splits filter text into tokens on demand. The parser asks for a value token explicitly where a
 * comparison value is expected, because only there do numbers, literals and (in tolerant mode)
 * unquoted words appear.
 */
final class Lexer {

  enum Type { WORD, STRING, NUMBER, LPAREN, RPAREN, LBRACKET, RBRACKET, EOF }

  private final String src;
  private final int len;
  private final String scimType;
  private int pos;

  /** The current token; EOF until the first {@code next()}. */
  Type type = Type.EOF;
  int start;
  int end;
  /** True when white space stood between the previous token and this one. */
  boolean spaceBefore;
  /** The decoded value of a STRING token. */
  @Nullable String text;
  /** The value of a NUMBER token. */
  @Nullable BigDecimal number;

  Lexer(String src, String scimType) {
    this.src = src;
    this.len = src.length();
    this.scimType = scimType;
  }

  /** The decoded value of the current STRING token. */
  String stringValue() {
    return java.util.Objects.requireNonNull(text, "not a STRING token");
  }

  /** The value of the current NUMBER token. */
  BigDecimal numberValue() {
    return java.util.Objects.requireNonNull(number, "not a NUMBER token");
  }

  String source() {
    return src;
  }

  FilterException error(String message, int at) {
    return new FilterException(scimType, message, at);
  }

  /** The current token's text as written. */
  String raw() {
    return src.substring(start, end);
  }

  /** Describes the current token for an error message. */
  String describe() {
    if (type == Type.EOF) {
      return "end of input";
    }
    String r = raw();
    // cut here rather than by Texts.abbreviate: with that call FilterErrorsTest's 1000-deep
    // nesting overflowed the test thread's stack, the parser being that close to its end there
    if (r.length() > 40) {
      r = r.substring(0, 37) + "...";
    }
    return "'" + r + "'";
  }

  boolean wordIs(String keyword) {
    return type == Type.WORD && end - start == keyword.length()
        && src.regionMatches(true, start, keyword, 0, keyword.length());
  }

  /** True when the current token is a word that starts with {@code c}. */
  boolean wordStartsWith(char c) {
    return type == Type.WORD && src.charAt(start) == c;
  }

  private boolean skipSpace() {
    int p = pos;
    while (p < len) {
      char c = src.charAt(p);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        p++;
      } else {
        break;
      }
    }
    boolean skipped = p != pos;
    pos = p;
    return skipped;
  }

  static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == ':' || c == '-' || c == '_' || c == '$';
  }

  /** Reads the next structural token: brackets, parentheses or a word. */
  void next() {
    spaceBefore = skipSpace();
    start = pos;
    if (pos >= len) {
      type = Type.EOF;
      end = pos;
      return;
    }
    char c = src.charAt(pos);
    switch (c) {
      case '(' -> single(Type.LPAREN);
      case ')' -> single(Type.RPAREN);
      case '[' -> single(Type.LBRACKET);
      case ']' -> single(Type.RBRACKET);
      case '"' -> readString();
      default -> {
        if (!isWordChar(c)) {
          throw error("unexpected character '" + printable(c) + "'", pos);
        }
        int p = pos + 1;
        while (p < len && isWordChar(src.charAt(p))) {
          p++;
        }
        type = Type.WORD;
        end = p;
        pos = p;
      }
    }
  }

  /**
   * Reads a comparison value: a JSON string, number, {@code true}, {@code false} or {@code null}
   * (the words in any case), or in tolerant mode an unquoted run of text taken as a string.
   */
  void nextValue(boolean tolerant) {
    spaceBefore = skipSpace();
    start = pos;
    if (pos >= len) {
      type = Type.EOF;
      end = pos;
      return;
    }
    if (src.charAt(pos) == '"') {
      readString();
      return;
    }
    int p = pos;
    while (p < len && !isValueDelimiter(src.charAt(p))) {
      p++;
    }
    end = p;
    if (p == pos) {
      next();
      return;
    }
    char c = src.charAt(pos);
    if ((c == '-' || (c >= '0' && c <= '9')) && isJsonNumber(pos, p)) {
      try {
        number = new BigDecimal(src.substring(pos, p));
      } catch (NumberFormatException | ArithmeticException e) {
        throw error("number " + describeRange(pos, p) + " is out of range", pos);
      }
      type = Type.NUMBER;
      pos = p;
      return;
    }
    // true/false/null and every other run come back as a WORD; the parser decides what it means.
    type = Type.WORD;
    pos = p;
  }

  private static boolean isValueDelimiter(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == '['
        || c == ']' || c == '"';
  }

  private String describeRange(int from, int to) {
    return "'" + Texts.abbreviate(src.substring(from, to), 40) + "'";
  }

  /** JSON number grammar: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)? */
  private boolean isJsonNumber(int from, int to) {
    int p = from;
    if (p < to && src.charAt(p) == '-') {
      p++;
    }
    if (p >= to) {
      return false;
    }
    if (src.charAt(p) == '0') {
      p++;
    } else if (isDigit(src.charAt(p))) {
      while (p < to && isDigit(src.charAt(p))) {
        p++;
      }
    } else {
      return false;
    }
    if (p < to && src.charAt(p) == '.') {
      p++;
      int digits = p;
      while (p < to && isDigit(src.charAt(p))) {
        p++;
      }
      if (p == digits) {
        return false;
      }
    }
    if (p < to && (src.charAt(p) == 'e' || src.charAt(p) == 'E')) {
      p++;
      if (p < to && (src.charAt(p) == '+' || src.charAt(p) == '-')) {
        p++;
      }
      int digits = p;
      while (p < to && isDigit(src.charAt(p))) {
        p++;
      }
      if (p == digits) {
        return false;
      }
    }
    return p == to;
  }

  /** The value of an ASCII hex digit, or -1; JSON allows no other digits in a \\u escape. */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void single(Type t) {
    type = t;
    end = ++pos;
  }

  private void readString() {
    int open = pos;
    int p = pos + 1;
    StringBuilder sb = null;
    int runStart = p;
    while (true) {
      if (p >= len) {
        throw error("unterminated string starting", open);
      }
      char c = src.charAt(p);
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        if (sb == null) {
          sb = new StringBuilder(p - runStart + 16);
        }
        sb.append(src, runStart, p);
        if (p + 1 >= len) {
          throw error("unterminated string starting", open);
        }
        char e = src.charAt(p + 1);
        switch (e) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case '/' -> sb.append('/');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (p + 6 > len) {
              throw error("incomplete \\u escape", p);
            }
            int v = 0;
            for (int i = p + 2; i < p + 6; i++) {
              int d = hexDigit(src.charAt(i));
              if (d < 0) {
                throw error("invalid \\u escape", p);
              }
              v = v * 16 + d;
            }
            sb.append((char) v);
            p += 4;
          }
          default -> throw error("invalid escape '\\" + printable(e) + "' in string", p);
        }
        p += 2;
        runStart = p;
        continue;
      }
      if (c < 0x20) {
        throw error("control character U+" + String.format("%04X", (int) c) + " must be escaped in a string", p);
      }
      p++;
    }
    text = sb == null ? src.substring(runStart, p) : sb.append(src, runStart, p).toString();
    type = Type.STRING;
    pos = p + 1;
    end = pos;
  }

  private static String printable(char c) {
    return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
