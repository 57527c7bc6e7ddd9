package dev.scimsync.filter;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Renders trees as canonical filter text; the parser reads that text back to an equal tree. */
// NullAway outside JSpecify mode (which needs JDK 22+) reads the type argument @Nullable Void as
// non-null and flags every `return null`; the visitor contract allows it.
@SuppressWarnings("NullAway")
final class FilterPrinter implements FilterVisitor<@Nullable Void> {

  private static final int OR = 1;
  private static final int AND = 2;
  private static final int ATOM = 3;

  private final StringBuilder out;

  private FilterPrinter(StringBuilder out) {
    this.out = out;
  }

  static String print(Filter f) {
    StringBuilder sb = new StringBuilder(64);
    f.accept(new FilterPrinter(sb));
    return sb.toString();
  }

  static String print(PatchPath p) {
    if (p.valueFilter() == null) {
      return p.attribute().toString();
    }
    StringBuilder sb = new StringBuilder(64);
    sb.append(p.attribute()).append('[');
    p.valueFilter().accept(new FilterPrinter(sb));
    sb.append(']');
    if (p.subAttribute() != null) {
      sb.append('.').append(p.subAttribute());
    }
    return sb.toString();
  }

  private static int precedence(Filter f) {
    if (f instanceof OrFilter) {
      return OR;
    }
    if (f instanceof AndFilter) {
      return AND;
    }
    return ATOM;
  }

  private void junction(List<Filter> operands, int own, String word) {
    for (int i = 0; i < operands.size(); i++) {
      if (i > 0) {
        out.append(' ').append(word).append(' ');
      }
      Filter f = operands.get(i);
      // A nested junction of the same kind was grouped in the source; lower precedence needs
      // parentheses anyway. Either way the tree reads back unchanged.
      boolean parens = precedence(f) <= own;
      if (parens) {
        out.append('(');
      }
      f.accept(this);
      if (parens) {
        out.append(')');
      }
    }
  }

  @Override
  public @Nullable Void visitAnd(AndFilter f) {
    junction(f.operands(), AND, "and");
    return null;
  }

  @Override
  public @Nullable Void visitOr(OrFilter f) {
    junction(f.operands(), OR, "or");
    return null;
  }

  @Override
  public @Nullable Void visitNot(NotFilter f) {
    out.append("not (");
    f.operand().accept(this);
    out.append(')');
    return null;
  }

  @Override
  public @Nullable Void visitComparison(ComparisonFilter f) {
    out.append(f.path()).append(' ').append(f.operator().token()).append(' ');
    appendLiteral(out, f.value());
    return null;
  }

  @Override
  public @Nullable Void visitPresent(PresentFilter f) {
    out.append(f.path()).append(" pr");
    return null;
  }

  @Override
  public @Nullable Void visitValuePath(ValuePathFilter f) {
    out.append(f.attribute()).append('[');
    f.filter().accept(this);
    out.append(']');
    return null;
  }

  static void appendLiteral(StringBuilder sb, Literal value) {
    if (value instanceof Literal.StringLiteral s) {
      quote(sb, s.value());
    } else {
      sb.append(value);
    }
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    quote(sb, s);
    return sb.toString();
  }

  /** JSON string quoting: the escapes JSON requires, and nothing else. */
  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
