package dev.leadscore.core.rule;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.CelComprehension;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;
import dev.leadscore.api.ConfigProblem;
import dev.leadscore.core.internal.Echoes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What can be known of a rule's cost before it runs, from its checked syntax tree: how deeply its
 * comprehensions nest, how many iterations its literal lists alone require, and whether the regular
 * expressions it gives as literals compile. A comprehension over the lead's own data (its
 * attributes, its event counts) has no size until it runs; the iteration budget bounds it then.
 */
final class RuleCosts {
  /** Iterations are counted up to here; beyond, the exact number does not matter. */
  private static final long SATURATED = Long.MAX_VALUE / 4;

  private RuleCosts() {}

  /**
   * Adds a problem for each bound {@code root} breaks.
   *
   * @param at the {@code line:column: } prefix of a node's position, or empty
   */
  static void check(
      CelExpr root,
      int iterationBudget,
      int maxRegexProgramSize,
      String path,
      Function<CelExpr, String> at,
      List<ConfigProblem> problems) {
    int nesting = nesting(root);
    if (nesting > RuleConditions.MAX_COMPREHENSION_NESTING) {
      problems.add(
          new ConfigProblem(
              path,
              nesting
                  + " nested comprehensions (all, exists, exists_one, map, filter) (expected: at most "
                  + RuleConditions.MAX_COMPREHENSION_NESTING
                  + ")"));
    } else {
      long iterations = iterations(root);
      if (iterations > iterationBudget) {
        problems.add(
            new ConfigProblem(
                path,
                "its literal lists alone need "
                    + (iterations >= SATURATED ? "more than " + SATURATED : iterations)
                    + " iterations (expected: at most "
                    + iterationBudget
                    + " per evaluation)"));
      }
    }
    for (CelExpr pattern : regexLiterals(root)) {
      String regex = pattern.constant().stringValue();
      try {
        int size = Pattern.compile(regex).programSize();
        if (maxRegexProgramSize > 0 && size > maxRegexProgramSize) {
          problems.add(
              new ConfigProblem(
                  path,
                  at.apply(pattern)
                      + "regular expression "
                      + Echoes.quoted(regex)
                      + " compiles to "
                      + size
                      + " instructions (expected: at most "
                      + maxRegexProgramSize
                      + ")"));
        }
      } catch (PatternSyntaxException e) {
        problems.add(
            new ConfigProblem(
                path,
                at.apply(pattern)
                    + "invalid regular expression "
                    + Echoes.quoted(regex)
                    + ": "
                    + e.getDescription()
                    + " (expected: an RE2 regular expression)"));
      }
    }
  }

  /** Whether the expression loops at all; only such rules can run long. */
  static boolean loops(CelExpr root) {
    return nesting(root) > 0;
  }

  /** The deepest chain of comprehensions inside each other's loop bodies. */
  private static int nesting(CelExpr expr) {
    if (expr.getKind() == Kind.COMPREHENSION) {
      CelComprehension loop = expr.comprehension();
      int outside =
          Math.max(
              nesting(loop.iterRange()),
              Math.max(nesting(loop.accuInit()), nesting(loop.result())));
      int inside = Math.max(nesting(loop.loopCondition()), nesting(loop.loopStep()));
      return Math.max(outside, inside + 1);
    }
    int deepest = 0;
    for (CelExpr child : children(expr)) {
      deepest = Math.max(deepest, nesting(child));
    }
    return deepest;
  }

  /** Iterations that literal ranges require; a range known only at run time counts once. */
  private static long iterations(CelExpr expr) {
    if (expr.getKind() == Kind.COMPREHENSION) {
      CelComprehension loop = expr.comprehension();
      long size = literalSize(loop.iterRange());
      long body = 1 + iterations(loop.loopCondition()) + iterations(loop.loopStep());
      return add(
          add(
              iterations(loop.iterRange()),
              add(iterations(loop.accuInit()), iterations(loop.result()))),
          multiply(size, body));
    }
    long total = 0;
    for (CelExpr child : children(expr)) {
      total = add(total, iterations(child));
    }
    return total;
  }

  private static long literalSize(CelExpr range) {
    return switch (range.getKind()) {
      case LIST -> range.list().elements().size();
      case MAP -> range.map().entries().size();
      default -> 1;
    };
  }

  /** The string literals given as the pattern of {@code matches}. */
  private static List<CelExpr> regexLiterals(CelExpr root) {
    List<CelExpr> patterns = new ArrayList<>();
    collectRegexLiterals(root, patterns);
    return patterns;
  }

  private static void collectRegexLiterals(CelExpr expr, List<CelExpr> patterns) {
    if (expr.getKind() == Kind.CALL && expr.call().function().equals("matches")) {
      List<CelExpr> args = expr.call().args();
      CelExpr pattern =
          expr.call().target().isPresent()
              ? (args.size() == 1 ? args.get(0) : null)
              : (args.size() == 2 ? args.get(1) : null);
      if (pattern != null
          && pattern.getKind() == Kind.CONSTANT
          && pattern.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
        patterns.add(pattern);
      }
    }
    for (CelExpr child : children(expr)) {
      collectRegexLiterals(child, patterns);
    }
  }

  private static List<CelExpr> children(CelExpr expr) {
    return switch (expr.getKind()) {
      case CALL -> {
        List<CelExpr> all = new ArrayList<>(expr.call().args().size() + 1);
        expr.call().target().ifPresent(all::add);
        all.addAll(expr.call().args());
        yield all;
      }
      case SELECT -> List.of(expr.select().operand());
      case LIST -> expr.list().elements();
      case MAP -> {
        List<CelExpr> all = new ArrayList<>();
        expr.map()
            .entries()
            .forEach(
                entry -> {
                  all.add(entry.key());
                  all.add(entry.value());
                });
        yield all;
      }
      case STRUCT -> expr.struct().entries().stream().map(e -> e.value()).toList();
      case COMPREHENSION -> {
        CelComprehension loop = expr.comprehension();
        yield List.of(
            loop.iterRange(),
            loop.accuInit(),
            loop.loopCondition(),
            loop.loopStep(),
            loop.result());
      }
      case CONSTANT, IDENT, NOT_SET -> List.of();
    };
  }

  private static long add(long a, long b) {
    return Math.min(SATURATED, a + b);
  }

  private static long multiply(long a, long b) {
    return a == 0 || b == 0 ? 0 : (a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b));
  }
}
