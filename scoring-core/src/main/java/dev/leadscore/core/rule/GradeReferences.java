package dev.leadscore.core.rule;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.leadscore.api.ConfigProblem;
import java.util.List;
import java.util.Set;

/**
 * Checks how a condition reads {@code grade}: only in a model with a grade matrix, and compared
 * ({@code ==}, {@code !=}, {@code in [...]}) only with grades the matrix defines, so that {@code
 * grade == 'a1'} (a typo that would never hold) is caught when the model is compiled.
 */
final class GradeReferences {
  private GradeReferences() {}

  /** Adds a problem per bad use; returns whether there was none. */
  static boolean check(
      CelAbstractSyntaxTree ast, Set<String> grades, String path, List<ConfigProblem> problems) {
    int before = problems.size();
    List<CelExpr> nodes =
        CelNavigableAst.fromAst(ast).getRoot().allNodes().map(CelNavigableExpr::expr).toList();
    boolean reads = nodes.stream().anyMatch(GradeReferences::isGrade);
    if (reads && grades.isEmpty()) {
      problems.add(
          new ConfigProblem(
              path,
              "reads grade, but the model has no grade matrix (expected: a `grade` in the model)"));
      return false;
    }
    for (CelExpr node : nodes) {
      if (node.getKind() != Kind.CALL || node.call().args().size() != 2) {
        continue;
      }
      String function = node.call().function();
      CelExpr left = node.call().args().get(0);
      CelExpr right = node.call().args().get(1);
      if (function.equals("_==_") || function.equals("_!=_")) {
        if (isGrade(left)) {
          checkLiteral(right, grades, path, problems);
        } else if (isGrade(right)) {
          checkLiteral(left, grades, path, problems);
        }
      } else if (function.equals("@in") && isGrade(left) && right.getKind() == Kind.LIST) {
        right.list().elements().forEach(element -> checkLiteral(element, grades, path, problems));
      }
    }
    return problems.size() == before;
  }

  private static boolean isGrade(CelExpr expr) {
    return expr.getKind() == Kind.IDENT && expr.ident().name().equals(RuleInputResolver.GRADE);
  }

  private static void checkLiteral(
      CelExpr expr, Set<String> grades, String path, List<ConfigProblem> problems) {
    if (expr.getKind() == Kind.CONSTANT
        && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE
        && !grades.contains(expr.constant().stringValue())) {
      problems.add(
          new ConfigProblem(
              path,
              '"'
                  + expr.constant().stringValue()
                  + "\" is not a grade of this model (expected one of: "
                  + String.join(", ", grades)
                  + ")"));
    }
  }
}
