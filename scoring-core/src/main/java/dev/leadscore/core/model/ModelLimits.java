package dev.leadscore.core.model;

import dev.leadscore.core.rule.RuleConditions;

/**
 * Bounds on a model document and on the cost of its rules, checked before anything is compiled: a
 * model over a bound is refused at once, listing each bound it breaks, so validating a 4 MiB model
 * with 60,000 rules costs milliseconds instead of compiling every rule first.
 *
 * @param maxCriteria criteria per model
 * @param maxRules rules per model
 * @param maxExpressionLength characters in one rule's {@code when}
 * @param maxDocumentBytes the model's serialized (protobuf) size
 * @param ruleIterationBudget loop iterations one evaluation of one rule may run, over all its
 *     comprehensions ({@code all}, {@code exists}, {@code exists_one}, {@code map}, {@code
 *     filter}); a rule that needs more fails for that lead. A rule whose literal lists alone need
 *     more is refused when the model is compiled.
 * @since 0.3
 */
public record ModelLimits(
    int maxCriteria,
    int maxRules,
    int maxExpressionLength,
    int maxDocumentBytes,
    int ruleIterationBudget) {
  public static final int DEFAULT_MAX_CRITERIA = 256;
  public static final int DEFAULT_MAX_RULES = 256;
  public static final int DEFAULT_MAX_EXPRESSION_LENGTH =
      RuleConditions.DEFAULT_MAX_EXPRESSION_LENGTH;
  public static final int DEFAULT_MAX_DOCUMENT_BYTES = 1024 * 1024;
  public static final int DEFAULT_RULE_ITERATION_BUDGET = RuleConditions.DEFAULT_ITERATION_BUDGET;

  /** How deeply a rule's comprehensions may nest, fixed; see {@link RuleConditions}. */
  public static final int MAX_COMPREHENSION_NESTING = RuleConditions.MAX_COMPREHENSION_NESTING;

  /** How deeply a criterion's {@code config} may nest lists and objects, fixed. */
  public static final int MAX_CONFIG_DEPTH = 16;

  public ModelLimits {
    positive("maxCriteria", maxCriteria);
    positive("maxRules", maxRules);
    positive("maxExpressionLength", maxExpressionLength);
    positive("maxDocumentBytes", maxDocumentBytes);
    positive("ruleIterationBudget", ruleIterationBudget);
  }

  /** The defaults, {@code DEFAULT_*} above. */
  public static ModelLimits defaults() {
    return new ModelLimits(
        DEFAULT_MAX_CRITERIA,
        DEFAULT_MAX_RULES,
        DEFAULT_MAX_EXPRESSION_LENGTH,
        DEFAULT_MAX_DOCUMENT_BYTES,
        DEFAULT_RULE_ITERATION_BUDGET);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1)");
    }
  }
}
