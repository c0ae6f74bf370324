package dev.leadscore.core.rule;

/**
 * A compiled rule condition, created by {@link RuleConditions#compile}. Immutable and thread-safe:
 * one instance is shared by every request scored with its model version, and evaluating it neither
 * parses nor type-checks.
 */
public interface RuleCondition {

  /**
   * Evaluates the condition against one lead.
   *
   * @param input the variables of this evaluation; only those the expression uses are read
   * @return whether the condition holds
   * @throws RuleEvaluationException when the expression fails for this input (e.g. a missing map
   *     key, or a {@code dyn} result that is not a boolean), with a message safe to show the caller
   */
  boolean test(RuleInput input);
}
