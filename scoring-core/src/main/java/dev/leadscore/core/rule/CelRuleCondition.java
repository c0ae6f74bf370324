package dev.leadscore.core.rule;

import static java.util.Objects.requireNonNull;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.internal.Echoes;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A condition backed by a CEL program that was parsed and type-checked when it was built. */
final class CelRuleCondition implements RuleCondition {
  /** CEL prefixes its messages with the expression's description and a character offset. */
  private static final Pattern CEL_PREFIX = Pattern.compile("^evaluation error( at .*?:\\d+)?: ");

  private final CelRuntime.Program program;
  private final String expression;
  private final String path;
  private final int iterationBudget;
  private final @Nullable BooleanSupplier cancelled;

  /**
   * @param cancelled for an expression that loops, whether the current call is no longer wanted;
   *     null for one that does not loop, whose cost its size bounds
   */
  CelRuleCondition(
      CelRuntime.Program program,
      String expression,
      String path,
      int iterationBudget,
      @Nullable BooleanSupplier cancelled) {
    this.program = program;
    this.expression = expression;
    this.path = path;
    this.iterationBudget = iterationBudget;
    this.cancelled = cancelled;
  }

  @Override
  public boolean test(RuleInput input) {
    requireNonNull(input, "input");
    RuleInputResolver resolver = new RuleInputResolver(input);
    RuleWatchdog watchdog = cancelled == null ? null : new RuleWatchdog(cancelled);
    Object result;
    try {
      result =
          watchdog == null
              ? program.eval(resolver, resolver)
              : program.trace(resolver, resolver, watchdog);
    } catch (CelEvaluationException e) {
      checkNotStopped(watchdog);
      if (e.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
        throw new RuleEvaluationException(
            failure(
                "needs more than "
                    + iterationBudget
                    + " loop iterations (expected: at most "
                    + iterationBudget
                    + " per evaluation)"),
            e);
      }
      throw new RuleEvaluationException(failure(describe(e)), e);
    }
    checkNotStopped(watchdog);
    if (!(result instanceof Boolean holds)) {
      throw new RuleEvaluationException(
          failure("result is " + celTypeName(result) + " (expected: a boolean)"));
    }
    return holds;
  }

  /** An evaluation stopped for a cancelled call decides nothing, whatever CEL made of it. */
  private void checkNotStopped(@Nullable RuleWatchdog watchdog) {
    if (watchdog != null && watchdog.stopped()) {
      throw new ScoringException(
          ScoringErrorCode.CANCELLED,
          path + ": evaluation stopped: the call was cancelled or its deadline passed");
    }
  }

  private String failure(String detail) {
    return path + ": cannot evaluate `" + Echoes.of(expression) + "`: " + detail;
  }

  private static String describe(CelEvaluationException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String detail = CEL_PREFIX.matcher(message).replaceFirst("");
    if (e.getErrorCode() != CelErrorCode.ATTRIBUTE_NOT_FOUND) {
      return detail;
    }
    // Selection (`m.k`) reports "key 'k' is not present in map.", indexing (`m['k']`) the bare key.
    String missing = detail.endsWith(".") ? detail : "key '" + detail + "' is not present in map.";
    return missing
        + " (expected: a guard such as `'key' in map` or `has(map.key)`,"
        + " or `count('type')` for event counts)";
  }

  private static String celTypeName(Object value) {
    if (value instanceof String) {
      return "a string";
    } else if (value instanceof Double) {
      return "a double";
    } else if (value instanceof Long) {
      return "an int";
    } else if (value instanceof List) {
      return "a list";
    } else if (value instanceof Map) {
      return "a map";
    } else if (value instanceof com.google.protobuf.NullValue) {
      return "null";
    }
    return "unknown (an attribute value that CEL cannot read)";
  }

  @Override
  public String toString() {
    return path + ": " + expression;
  }
}
