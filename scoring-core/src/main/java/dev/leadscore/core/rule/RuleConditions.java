package dev.leadscore.core.rule;

import static java.util.Objects.requireNonNull;
import static java.util.Objects.requireNonNullElse;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
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
import java.util.function.BooleanSupplier;
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

  /** The deepest the CEL parser may recurse: far beyond any rule a person writes. */
  static final int MAX_PARSE_DEPTH = 100;

  /** The most instructions a regular expression given as a literal may compile to. */
  static final int MAX_REGEX_PROGRAM_SIZE = 2000;

  /**
   * How deeply comprehensions may nest inside each other's loop bodies, fixed: each level
   * multiplies the iterations, and two levels are what a rule over the lead's lists needs.
   */
  public static final int MAX_COMPREHENSION_NESTING = 2;

  /** The default iteration budget of one evaluation of one rule. */
  public static final int DEFAULT_ITERATION_BUDGET = 10_000;

  /** The default longest expression, in characters. */
  public static final int DEFAULT_MAX_EXPRESSION_LENGTH = 2048;

  private final CelCompiler compiler;
  private final CelRuntime runtime;
  private final int iterationBudget;
  private final BooleanSupplier cancelled;
  private final boolean countFastPath;

  private RuleConditions(
      CelCompiler compiler,
      CelRuntime runtime,
      int iterationBudget,
      BooleanSupplier cancelled,
      boolean countFastPath) {
    this.compiler = compiler;
    this.runtime = runtime;
    this.iterationBudget = iterationBudget;
    this.cancelled = cancelled;
    this.countFastPath = countFastPath;
  }

  /** The same conditions, always evaluated by CEL; to check {@link CountCondition} against. */
  RuleConditions interpretedOnlyForTest() {
    return new RuleConditions(compiler, runtime, iterationBudget, cancelled, false);
  }

  /** {@link #create(int, int, BooleanSupplier)} with the default limits, never cancelled. */
  public static RuleConditions create() {
    return create(DEFAULT_MAX_EXPRESSION_LENGTH, DEFAULT_ITERATION_BUDGET, () -> false);
  }

  /**
   * Builds the CEL compiler and runtime; costly, so call it once per process.
   *
   * @param maxExpressionLength the longest expression CEL parses, in characters
   * @param iterationBudget the loop iterations one evaluation of one rule may run; a rule whose
   *     literal lists alone need more does not compile
   * @param cancelled whether the call being served on the current thread is no longer wanted; asked
   *     now and then while a rule that loops is evaluated, which stops once it says so
   */
  public static RuleConditions create(
      int maxExpressionLength, int iterationBudget, BooleanSupplier cancelled) {
    requireNonNull(cancelled, "cancelled");
    if (maxExpressionLength < 1 || iterationBudget < 1) {
      throw new IllegalArgumentException(
          "maxExpressionLength "
              + maxExpressionLength
              + ", iterationBudget "
              + iterationBudget
              + " (expected: both >= 1)");
    }
    CelOptions options =
        CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .maxExpressionCodePointSize(maxExpressionLength)
            .maxParseRecursionDepth(MAX_PARSE_DEPTH)
            .comprehensionMaxIterations(iterationBudget)
            .maxRegexProgramSize(MAX_REGEX_PROGRAM_SIZE)
            .build();
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
    return new RuleConditions(compiler, runtime, iterationBudget, cancelled, true);
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
      int before = problems.size();
      RuleCosts.check(
          ast.getExpr(),
          iterationBudget,
          MAX_REGEX_PROGRAM_SIZE,
          path,
          expr -> at(location(ast, expr)),
          problems);
      if (problems.size() > before) {
        return Optional.empty();
      }
      if (countFastPath) {
        Optional<RuleCondition> counts = CountCondition.of(ast.getExpr(), expression);
        if (counts.isPresent()) {
          return counts;
        }
      }
      return Optional.of(
          new CelRuleCondition(
              runtime.createProgram(ast),
              expression,
              path,
              iterationBudget,
              RuleCosts.loops(ast.getExpr()) ? cancelled : null));
    } catch (CelValidationException | CelEvaluationException e) {
      problems.add(
          new ConfigProblem(path, requireNonNullElse(e.getMessage(), "not a valid expression")));
      return Optional.empty();
    }
  }

  private static CelSourceLocation rootLocation(CelAbstractSyntaxTree ast) {
    return location(ast, ast.getExpr());
  }

  private static CelSourceLocation location(CelAbstractSyntaxTree ast, CelExpr expr) {
    Integer offset = ast.getSource().getPositionsMap().get(expr.id());
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
