package dev.leadscore.evaluation;

import static java.util.Objects.requireNonNull;

/**
 * Challenger minus champion, each with a percentile bootstrap interval.
 *
 * @param auc the difference of the arms' ROC AUCs
 * @param topConversion the difference of the conversion rates of the leads each arm placed in the
 *     top band
 * @param confidence the intervals' confidence level, e.g. 0.95
 * @param resamples the number of bootstrap resamples
 * @param seed the seed of the resampling
 */
public record ArmDifferences(
    Interval auc, Interval topConversion, double confidence, int resamples, long seed) {
  public ArmDifferences {
    requireNonNull(auc, "auc");
    requireNonNull(topConversion, "topConversion");
  }
}
