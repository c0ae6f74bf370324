package dev.leadscore.api;

import static java.util.Objects.requireNonNull;

/**
 * The points one criterion gives one lead, and why.
 *
 * @param points the points, negative for a penalty; finite
 * @param reason for a person, e.g. {@code 3 × email_open in 30 days (+15)}; empty when there is
 *     nothing to say
 * @since 0.1
 */
public record CriterionResult(double points, String reason) {

  /**
   * @throws IllegalArgumentException if {@code points} is NaN or infinite
   */
  public CriterionResult {
    requireNonNull(reason, "reason");
    if (!Double.isFinite(points)) {
      throw new IllegalArgumentException("points: " + points + " (expected: a finite number)");
    }
  }

  /** No points, with the reason why. */
  public static CriterionResult none(String reason) {
    return new CriterionResult(0, reason);
  }
}
