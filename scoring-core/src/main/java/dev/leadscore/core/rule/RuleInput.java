package dev.leadscore.core.rule;

import java.util.Map;

/**
 * The variables of one evaluation of a {@link RuleCondition}; the engine implements it per request.
 *
 * <p>Variables are supplied lazily: during one {@link RuleCondition#test} call each method is
 * called at most once, and only if the expression uses the variable it supplies, so unused
 * variables cost nothing. An instance is used by one thread at a time.
 *
 * <p>The CEL name and type of each variable are given on its method. Maps may be unmodifiable views
 * and must not change during an evaluation.
 */
public interface RuleInput {

  /** {@code lead_id: string}. */
  String leadId();

  /**
   * {@code attributes: map(string, dyn)}: the lead's attributes as plain Java values, one of {@link
   * String}, {@link Double} (every JSON number), {@link Boolean}, {@code List<Object>} and {@code
   * Map<String, Object>} of such values, and for a JSON {@code null} the marker {@link
   * com.google.protobuf.NullValue#NULL_VALUE} (what {@code google.protobuf.Value#getNullValue()}
   * returns; CEL compares it equal to {@code null}). Never a Java {@code null}: CEL cannot evaluate
   * it. An attribute the lead does not carry is absent from the map.
   */
  Map<String, Object> attributes();

  /**
   * {@code event_counts: map(string, int)}: event type to the number of the lead's events of that
   * type up to the request's {@code as_of}. May hold only the types seen; conditions read it safely
   * with {@code count('type')}, which is 0 for an absent type.
   */
  Map<String, Long> eventCounts();

  /**
   * {@code count(type)}: the number of the lead's events of {@code type} up to {@code as_of}, 0 if
   * none; what {@link #eventCounts()} holds for the type. Implementations may count without
   * building the map.
   */
  default long eventCount(String type) {
    Long count = eventCounts().get(type);
    return count == null ? 0 : count;
  }

  /**
   * {@code score: double}: the total after the criteria, caps and the {@code add_points} rules
   * applied so far, clamped to the model's scale.
   */
  double score();

  /** {@code score_band: string}: the band of {@link #score()} alone, before any band rule. */
  String scoreBand();

  /** {@code dimensions: map(string, double)}: the subtotal of each dimension, e.g. {@code fit}. */
  Map<String, Double> dimensions();

  /**
   * {@code grade: string}: the grade of the model's grade matrix, e.g. {@code A1}, computed from
   * the dimension subtotals before any rule; empty when the model has no grade matrix.
   */
  default String grade() {
    return "";
  }
}
