package dev.leadscore.core.rule;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A condition made only of {@code count('type')} compared with integer literals, joined by {@code
 * &&}, {@code ||} and {@code !} — the shape of most band rules, such as {@code
 * count('demo_request') > 0 || count('purchase') > 0}. It is evaluated in plain Java over the
 * lead's event counts instead of by the CEL interpreter, which allocates a frame, a resolver and
 * intermediate results on every evaluation; the counts come from {@link RuleInput#eventCount},
 * which the engine answers without building the map of every type.
 *
 * <p>The result is CEL's: no part of such an expression can fail (an absent type counts 0), so
 * CEL's error absorption in {@code &&} and {@code ||} never applies, and short-circuiting does not
 * change the outcome. Any other expression is left to CEL.
 */
final class CountCondition implements RuleCondition {
  private final Node root;
  private final String expression;

  private CountCondition(Node root, String expression) {
    this.root = root;
    this.expression = expression;
  }

  /** The condition for {@code expr} if it has the supported shape. */
  static Optional<RuleCondition> of(CelExpr expr, String expression) {
    Node root = node(expr);
    return root == null ? Optional.empty() : Optional.of(new CountCondition(root, expression));
  }

  @Override
  public boolean test(RuleInput input) {
    return root.test(input);
  }

  @Override
  public String toString() {
    return expression;
  }

  private interface Node {
    boolean test(RuleInput counts);
  }

  private static @Nullable Node node(CelExpr expr) {
    if (expr.getKind() != Kind.CALL || expr.call().target().isPresent()) {
      return null;
    }
    List<CelExpr> args = expr.call().args();
    String function = expr.call().function();
    if (function.equals("!_") && args.size() == 1) {
      Node operand = node(args.get(0));
      return operand == null ? null : counts -> !operand.test(counts);
    }
    if (args.size() != 2) {
      return null;
    }
    if (function.equals("_&&_") || function.equals("_||_")) {
      Node left = node(args.get(0));
      Node right = node(args.get(1));
      if (left == null || right == null) {
        return null;
      }
      return function.equals("_&&_")
          ? counts -> left.test(counts) && right.test(counts)
          : counts -> left.test(counts) || right.test(counts);
    }
    String type = countedType(args.get(0));
    Long literal = intLiteral(args.get(1));
    if (type != null && literal != null) {
      return comparison(function, type, literal, false);
    }
    type = countedType(args.get(1));
    literal = intLiteral(args.get(0));
    return type != null && literal != null ? comparison(function, type, literal, true) : null;
  }

  /** {@code count(type) op literal}, or {@code literal op count(type)} when {@code swapped}. */
  private static @Nullable Node comparison(
      String function, String type, long literal, boolean swapped) {
    return switch (function) {
      case "_==_" -> counts -> count(counts, type) == literal;
      case "_!=_" -> counts -> count(counts, type) != literal;
      case "_>_" ->
          swapped
              ? counts -> literal > count(counts, type)
              : counts -> count(counts, type) > literal;
      case "_>=_" ->
          swapped
              ? counts -> literal >= count(counts, type)
              : counts -> count(counts, type) >= literal;
      case "_<_" ->
          swapped
              ? counts -> literal < count(counts, type)
              : counts -> count(counts, type) < literal;
      case "_<=_" ->
          swapped
              ? counts -> literal <= count(counts, type)
              : counts -> count(counts, type) <= literal;
      default -> null;
    };
  }

  private static long count(RuleInput counts, String type) {
    return counts.eventCount(type);
  }

  private static @Nullable String countedType(CelExpr expr) {
    if (expr.getKind() != Kind.CALL
        || expr.call().target().isPresent()
        || !expr.call().function().equals(RuleInputResolver.COUNT)
        || expr.call().args().size() != 1) {
      return null;
    }
    CelExpr arg = expr.call().args().get(0);
    return arg.getKind() == Kind.CONSTANT
            && arg.constant().getKind() == CelConstant.Kind.STRING_VALUE
        ? arg.constant().stringValue()
        : null;
  }

  private static @Nullable Long intLiteral(CelExpr expr) {
    return expr.getKind() == Kind.CONSTANT
            && expr.constant().getKind() == CelConstant.Kind.INT64_VALUE
        ? expr.constant().int64Value()
        : null;
  }
}
