package dev.leadscore.core.rule;

import static java.util.Objects.requireNonNull;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.leadscore.api.ConfigProblem;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compiles rule conditions once per model; thread-safe, build one per process and share it.
 *
 * <p>A condition is a CEL expression of type {@code bool} over these variables: {@code lead_id:
 * string}, {@code attributes: map(string, dyn)}, {@code event_counts: map(string, int)}, {@code
 * score: double}, {@code score_band: string}, {@code dimensions: map(string, double)} and {@code
 * grade: string} (see {@link RuleInput}), plus the standard macros ({@code has}, {@code all},
 * {@code exists}, ...) and one function, {@code count(string): int}, the number of events of a
 * type, 0 when there are none.
 *
 * <p>Reading a map key that is absent is an evaluation error in CEL, and the maps hold only what
 * the lead has. Recommended idioms:
 *
 * <ul>
 *   <li>events: {@code count('demo_request') > 0 || count('purchase') > 0}; also safe are {@code
 *       'demo_request' in event_counts} and {@code has(event_counts.demo_request)}, while {@code
 *       event_counts['purchase'] > 0} fails for a lead without purchases;
 *   <li>attributes: {@code !has(attributes.email)}, {@code has(attributes.country) &&
 *       attributes.country == 'India'}; {@code attributes['job-title']} for keys that are not
 *       identifiers, guarded by {@code 'job-title' in attributes};
 *   <li>numbers: attribute numbers are doubles. {@code <}, {@code <=}, {@code >}, {@code >=} accept
 *       int and double mixed ({@code score > 50}), but {@code ==} and {@code !=} on a typed double
 *       need a double literal ({@code score == 60.0}; {@code score == 60} does not compile), and
 *       arithmetic never mixes them ({@code attributes.size + 1} fails, {@code + 1.0} works).
 * </ul>
 *
 * <p>A condition that fails to evaluate throws {@link RuleEvaluationException}; CEL's {@code ||}
 * and {@code &&} absorb an error when the other side decides the result.
 */
public final class RuleConditions {
  private static final RuleCondition ALWAYS = input -> true;

  private final CelCompiler compiler;
  private final CelRuntime runtime;

  private final boolean countFastPath;

  private RuleConditions(CelCompiler compiler, CelRuntime runtime, boolean countFastPath) {
    this.compiler = compiler;
    this.runtime = runtime;
    this.countFastPath = countFastPath;
  }

  /** The same conditions, always evaluated by CEL; to check {@link CountCondition} against. */
  RuleConditions interpretedOnlyForTest() {
    return new RuleConditions(compiler, runtime, false);
  }

  /** Builds the CEL compiler and runtime; costly, so call it once per process. */
  public static RuleConditions create() {
    CelOptions options = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    CelCompiler compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar(RuleInputResolver.LEAD_ID, SimpleType.STRING)
            .addVar(RuleInputResolver.ATTRIBUTES, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar(
                RuleInputResolver.EVENT_COUNTS, MapType.create(SimpleType.STRING, SimpleType.INT))
            .addVar(RuleInputResolver.SCORE, SimpleType.DOUBLE)
            .addVar(RuleInputResolver.SCORE_BAND, SimpleType.STRING)
            .addVar(
                RuleInputResolver.DIMENSIONS, MapType.create(SimpleType.STRING, SimpleType.DOUBLE))
            .addVar(RuleInputResolver.GRADE, SimpleType.STRING)
            .addFunctionDeclarations(
                CelFunctionDecl.newFunctionDeclaration(
                    RuleInputResolver.COUNT,
                    CelOverloadDecl.newGlobalOverload(
                        RuleInputResolver.COUNT_OVERLOAD, SimpleType.INT, SimpleType.STRING)))
            .build();
    // count() has no binding here: RuleInputResolver binds it per evaluation.
    CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).build();
    return new RuleConditions(compiler, runtime, true);
  }

  /**
   * Parses and type-checks a rule condition. An empty or blank expression compiles to a condition
   * that always holds.
   *
   * @param expression the CEL source, e.g. {@code count('demo_request') > 0}
   * @param path where the expression is in the model, e.g. {@code rules[2].when}; names problems
   * @param problems receives one problem per error, its message giving CEL's text and {@code
   *     line:column}, e.g. {@code 1:7: found 'double' (expected: a boolean expression)}
   * @return the condition, or empty when the expression has errors
   */
  public Optional<RuleCondition> compile(
      String expression, String path, List<ConfigProblem> problems) {
    return compileChecked(expression, path, null, problems);
  }

  /**
   * Like {@link #compile(String, String, List)}, for a model whose grades are known: a condition
   * that reads {@code grade} in a model without a grade matrix, or compares it with a string that
   * is not one of the model's grades, is a problem.
   *
   * @param grades the model's grades, e.g. {@code A1} … {@code D4}; empty when it has no matrix
   */
  public Optional<RuleCondition> compile(
      String expression, String path, Set<String> grades, List<ConfigProblem> problems) {
    requireNonNull(grades, "grades");
    return compileChecked(expression, path, grades, problems);
  }

  private Optional<RuleCondition> compileChecked(
      String expression, String path, @Nullable Set<String> grades, List<ConfigProblem> problems) {
    requireNonNull(expression, "expression");
    requireNonNull(path, "path");
    requireNonNull(problems, "problems");
    if (expression.isBlank()) {
      return Optional.of(ALWAYS);
    }
    CelValidationResult result = compiler.compile(expression, path);
    if (result.hasError()) {
      for (CelIssue issue : result.getErrors()) {
        problems.add(new ConfigProblem(path, at(issue.getSourceLocation()) + issue.getMessage()));
      }
      return Optional.empty();
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      CelType type = ast.getResultType();
      // dyn (e.g. `attributes.vip`) may hold a boolean; the condition checks it when evaluated.
      if (!type.equals(SimpleType.BOOL) && !type.equals(SimpleType.DYN)) {
        problems.add(
            new ConfigProblem(
                path,
                at(rootLocation(ast))
                    + "found '"
                    + type.name()
                    + "' (expected: a boolean expression)"));
        return Optional.empty();
      }
      if (grades != null && !GradeReferences.check(ast, grades, path, problems)) {
        return Optional.empty();
      }
      if (countFastPath) {
        Optional<RuleCondition> counts = CountCondition.of(ast.getExpr(), expression);
        if (counts.isPresent()) {
          return counts;
        }
      }
      return Optional.of(new CelRuleCondition(runtime.createProgram(ast), expression, path));
    } catch (CelValidationException | CelEvaluationException e) {
      problems.add(new ConfigProblem(path, e.getMessage()));
      return Optional.empty();
    }
  }

  private static CelSourceLocation rootLocation(CelAbstractSyntaxTree ast) {
    Integer offset = ast.getSource().getPositionsMap().get(ast.getExpr().id());
    return offset == null
        ? CelSourceLocation.NONE
        : ast.getSource().getOffsetLocation(offset).orElse(CelSourceLocation.NONE);
  }

  /** CEL counts columns from 0 and shows them from 1, as editors do; so do we. */
  private static String at(CelSourceLocation location) {
    return location.equals(CelSourceLocation.NONE)
        ? ""
        : location.getLine() + ":" + (location.getColumn() + 1) + ": ";
  }
}
