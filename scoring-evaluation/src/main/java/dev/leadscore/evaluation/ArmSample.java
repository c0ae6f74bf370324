package dev.leadscore.evaluation;

import static java.util.Objects.requireNonNull;

/**
 * The leads one experiment arm scored: per lead its score, whether it converted and whether the arm
 * placed it in the top band (e.g. {@code hot}). The arrays are not copied: do not change them.
 */
public record ArmSample(double[] scores, boolean[] labels, boolean[] top) {
  public ArmSample {
    requireNonNull(scores, "scores");
    requireNonNull(labels, "labels");
    requireNonNull(top, "top");
    if (scores.length != labels.length || top.length != labels.length) {
      throw new IllegalArgumentException(
          "scores: "
              + scores.length
              + ", labels: "
              + labels.length
              + ", top: "
              + top.length
              + " (expected: one of each per lead)");
    }
  }

  /** The number of leads. */
  public int leads() {
    return labels.length;
  }
}
