package dev.scimsync.filter;

import dev.scimsync.filter.Lexer.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the RFC 7644 grammar, one instance per input:
 *
 * <pre>
 * filter    = and ("or" and)*
 * and       = unary ("and" unary)*
 * unary     = "not" "(" filter ")" | "(" filter ")" | attrExp | valuePath ["." subAttr op value]
 * valuePath = attrPath "[" filter "]"          (no nested value path inside)
 * attrExp   = attrPath "pr" | attrPath op value
 * patchPath = attrPath | valuePath ["." subAttr]
 * </pre>
 */
final class Parser {

  private final Lexer lx;
  private final String scimType;
  private final int maxDepth;
  private final boolean tolerant;
  private int depth;

  Parser(String text, String scimType, int maxDepth, boolean tolerant) {
    this.lx = new Lexer(text, scimType);
    this.scimType = scimType;
    this.maxDepth = maxDepth;
    this.tolerant = tolerant;
  }

  Filter filterToEnd() {
    lx.next();
    if (lx.type == Type.EOF) {
      throw lx.error("the filter is empty", 0);
    }
    Filter f = orExpr(false);
    expectEnd();
    return f;
  }

  PatchPath patchPathToEnd() {
    lx.next();
    if (lx.type == Type.EOF) {
      throw lx.error("the path is empty", 0);
    }
    AttributePath attr = attributePath();
    lx.next();
    if (lx.type == Type.LBRACKET && !lx.spaceBefore) {
      if (attr.subAttribute() != null) {
        throw lx.error("a value filter cannot follow sub-attribute '" + attr + "'", lx.start);
      }
      Filter inner = bracketed();
      lx.next();
      String sub = null;
      if (lx.wordStartsWith('.') && !lx.spaceBefore) {
        sub = subAttributeAfterBracket();
        lx.next();
      }
      expectEnd();
      return new PatchPath(attr, inner, sub);
    }
    expectEnd();
    return PatchPath.of(attr);
  }

  AttributePath attributePathToEnd() {
    lx.next();
    if (lx.type == Type.EOF) {
      throw lx.error("the attribute path is empty", 0);
    }
    AttributePath p = attributePath();
    lx.next();
    expectEnd();
    return p;
  }

  private void expectEnd() {
    if (lx.type != Type.EOF) {
      String expected = scimType.equals(FilterException.INVALID_PATH) ? "end of path" : "'and', 'or' or end of filter";
      if (lx.type == Type.RPAREN) {
        throw lx.error("unbalanced ')'", lx.start);
      }
      if (lx.type == Type.RBRACKET) {
        throw lx.error("unbalanced ']'", lx.start);
      }
      throw lx.error("expected " + expected + " but found " + lx.describe(), lx.start);
    }
  }

  /** On entry the current token starts the expression; on exit it is the first token after it. */
  private Filter orExpr(boolean inValuePath) {
    Filter first = andExpr(inValuePath);
    if (!lx.wordIs("or")) {
      return first;
    }
    List<Filter> operands = new ArrayList<>(4);
    operands.add(first);
    while (lx.wordIs("or")) {
      lx.next();
      operands.add(andExpr(inValuePath));
    }
    return new OrFilter(operands);
  }

  private Filter andExpr(boolean inValuePath) {
    Filter first = unary(inValuePath);
    if (!lx.wordIs("and")) {
      return first;
    }
    List<Filter> operands = new ArrayList<>(4);
    operands.add(first);
    while (lx.wordIs("and")) {
      lx.next();
      operands.add(unary(inValuePath));
    }
    return new AndFilter(operands);
  }

  private Filter unary(boolean inValuePath) {
    switch (lx.type) {
      case LPAREN -> {
        int open = lx.start;
        enter(open);
        lx.next();
        Filter inner = orExpr(inValuePath);
        close(Type.RPAREN, "')'", open);
        depth--;
        lx.next();
        return inner;
      }
      case WORD -> {
        if (lx.wordIs("not")) {
          int at = lx.start;
          String word = lx.raw();
          lx.next();
          if (lx.type == Type.LPAREN) {
            enter(at);
            int open = lx.start;
            lx.next();
            Filter inner = orExpr(inValuePath);
            close(Type.RPAREN, "')'", open);
            depth--;
            lx.next();
            return new NotFilter(inner);
          }
          if (lx.type == Type.LBRACKET || (lx.type == Type.WORD && isOperatorOrPresent())) {
            // an attribute that happens to be called "not", in the case it was written in
            return attributeExpression(new AttributePath(null, word, null), at, inValuePath);
          }
          throw lx.error("expected '(' after 'not' but found " + lx.describe(), lx.start);
        }
        int at = lx.start;
        AttributePath path = attributePath();
        lx.next();
        return attributeExpression(path, at, inValuePath);
      }
      case EOF -> throw lx.error("expected an expression but the filter ended", lx.start);
      default -> throw lx.error("expected an attribute, '(' or 'not' but found " + lx.describe(), lx.start);
    }
  }

  private boolean isOperatorOrPresent() {
    return lx.end - lx.start == 2
        && (lx.wordIs("pr") || ComparisonOperator.fromToken(lx.raw()) != null);
  }

  /** The current token is the one after the attribute path. */
  private Filter attributeExpression(AttributePath path, int pathStart, boolean inValuePath) {
    if (lx.type == Type.LBRACKET) {
      if (inValuePath) {
        throw lx.error("a value filter cannot be nested inside another value filter", lx.start);
      }
      if (path.subAttribute() != null) {
        throw lx.error("a value filter cannot follow sub-attribute '" + path + "'", lx.start);
      }
      Filter inner = bracketed();
      lx.next();
      if (lx.wordStartsWith('.') && !lx.spaceBefore) {
        // Entra ID: emails[type eq "work"].value eq "x" == emails[type eq "work" and value eq "x"]
        int subAt = lx.start;
        String sub = subAttributeAfterBracket();
        lx.next();
        Filter condition = comparisonOrPresent(new AttributePath(null, sub, null), subAt);
        return new ValuePathFilter(path, conjoin(inner, condition));
      }
      return new ValuePathFilter(path, inner);
    }
    return comparisonOrPresent(path, pathStart);
  }

  private static Filter conjoin(Filter inner, Filter condition) {
    List<Filter> ops = new ArrayList<>();
    if (inner instanceof AndFilter and) {
      ops.addAll(and.operands());
    } else {
      ops.add(inner);
    }
    ops.add(condition);
    return new AndFilter(ops);
  }

  /** The current token should be the operator following {@code path}. */
  private Filter comparisonOrPresent(AttributePath path, int pathStart) {
    if (lx.type != Type.WORD) {
      throw lx.error("expected an operator after '" + path + "' but found " + lx.describe(), lx.start);
    }
    if (lx.wordIs("pr")) {
      lx.next();
      return new PresentFilter(path);
    }
    ComparisonOperator op = lx.end - lx.start == 2 ? ComparisonOperator.fromToken(lx.raw()) : null;
    if (op == null) {
      throw lx.error("unknown operator " + lx.describe() + " after '" + path
          + "'; expected one of eq, ne, co, sw, ew, gt, ge, lt, le, pr", lx.start);
    }
    lx.nextValue(tolerant);
    int valueAt = lx.start;
    Literal value = literal(op);
    String problem = op.problemWith(value);
    if (problem != null) {
      throw lx.error(problem, valueAt);
    }
    lx.next();
    return new ComparisonFilter(path, op, value);
  }

  private Literal literal(ComparisonOperator op) {
    switch (lx.type) {
      case STRING:
        return new Literal.StringLiteral(lx.stringValue());
      case NUMBER:
        return new Literal.NumberLiteral(lx.numberValue());
      case WORD:
        if (lx.wordIs("true")) {
          return Literal.TRUE;
        }
        if (lx.wordIs("false")) {
          return Literal.FALSE;
        }
        if (lx.wordIs("null")) {
          return Literal.NULL;
        }
        if (tolerant) {
          return new Literal.StringLiteral(lx.raw());
        }
        throw lx.error("expected a value (a quoted string, number, true, false or null) after '"
            + op.token() + "' but found " + lx.describe(), lx.start);
      case EOF:
        throw lx.error("expected a value after '" + op.token() + "' but the input ended", lx.start);
      default:
        throw lx.error("expected a value after '" + op.token() + "' but found " + lx.describe(), lx.start);
    }
  }

  /** The current token is '['; on exit it is the matching ']'. */
  private Filter bracketed() {
    int open = lx.start;
    enter(open);
    lx.next();
    if (lx.type == Type.RBRACKET) {
      throw lx.error("empty value filter", lx.start);
    }
    Filter inner = orExpr(true);
    close(Type.RBRACKET, "']'", open);
    depth--;
    return inner;
  }

  private String subAttributeAfterBracket() {
    String word = lx.raw();
    String sub = word.substring(1);
    if (!AttributePath.isAttributeName(sub)) {
      throw lx.error("invalid sub-attribute '" + sub + "' after ']'", lx.start + 1);
    }
    return sub;
  }

  private void enter(int at) {
    if (++depth > maxDepth) {
      throw lx.error("nesting is deeper than the limit of " + maxDepth, at);
    }
  }

  private void close(Type expected, String what, int open) {
    if (lx.type != expected) {
      if (lx.type == Type.EOF) {
        throw lx.error("expected " + what + " to close the one at position " + open + " but the input ended", lx.start);
      }
      throw lx.error("expected " + what + " but found " + lx.describe(), lx.start);
    }
  }

  /** Reads the current WORD token as an attribute path; the current token stays on it. */
  private AttributePath attributePath() {
    if (lx.type != Type.WORD) {
      throw lx.error("expected an attribute path but found " + lx.describe(), lx.start);
    }
    String src = lx.source();
    int s = lx.start;
    int e = lx.end;
    String schema = null;
    int nameStart = s;
    if (e - s > 4 && src.regionMatches(true, s, "urn:", 0, 4)) {
      int colon = src.lastIndexOf(':', e - 1);
      // colon > s+3 always holds here, since "urn:" itself has one
      schema = src.substring(s, colon);
      if (!AttributePath.isSchemaUrn(schema)) {
        throw lx.error("invalid schema URN '" + schema + "'", s);
      }
      nameStart = colon + 1;
      if (nameStart >= e) {
        throw lx.error("expected an attribute name after schema '" + schema + "'", nameStart);
      }
    } else {
      for (int i = s; i < e; i++) {
        if (src.charAt(i) == ':') {
          throw lx.error("invalid attribute path " + lx.describe() + ": only urn: schemas may qualify a name", s);
        }
      }
    }
    int dot = src.indexOf('.', nameStart);
    if (dot < 0 || dot >= e) {
      return new AttributePath(schema, name(src, nameStart, e), null);
    }
    int dot2 = src.indexOf('.', dot + 1);
    if (dot2 >= 0 && dot2 < e) {
      throw lx.error("attribute path " + lx.describe() + " has more than one sub-attribute level", dot2);
    }
    return new AttributePath(schema, name(src, nameStart, dot), name(src, dot + 1, e));
  }

  private String name(String src, int from, int to) {
    String n = src.substring(from, to);
    if (!AttributePath.isAttributeName(n)) {
      throw lx.error(n.isEmpty() ? "empty attribute name" : "invalid attribute name '" + n + "'", from);
    }
    return n;
  }
}
