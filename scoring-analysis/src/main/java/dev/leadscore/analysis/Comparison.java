package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import dev.leadscore.evaluation.Bootstrap;
import dev.leadscore.evaluation.Interval;

/**
 * Two models measured on the same leads, with the difference of their AUCs and a paired
 * percentile-bootstrap confidence interval for it ({@link Bootstrap#pairedAuc}): each resample
 * draws leads with replacement and scores both models' AUC on the same draw. Immutable.
 *
 * @param a the first model's evaluation
 * @param b the second model's evaluation
 * @param aucDifference {@code b.auc() - a.auc()}
 * @param low the lower end of the interval
 * @param high the upper end of the interval
 * @param confidence the interval's confidence level, e.g. 0.95
 * @param resamples the number of bootstrap resamples
 * @param seed the seed of the resampling
 */
public record Comparison(
    Evaluation a,
    Evaluation b,
    double aucDifference,
    double low,
    double high,
    double confidence,
    int resamples,
    long seed) {
  public Comparison {
    requireNonNull(a, "a");
    requireNonNull(b, "b");
  }

  /** Whether the interval lies wholly above (1), below (-1) or around (0) zero. */
  public int verdict() {
    return low > 0 ? 1 : high < 0 ? -1 : 0;
  }

  /** The verdict in words: "B ranks better", "A ranks better" or "no significant difference". */
  public String verdictText() {
    return switch (verdict()) {
      case 1 -> "B ranks better";
      case -1 -> "A ranks better";
      default -> "no significant difference";
    };
  }

  /**
   * Compares two models' scores of the same leads.
   *
   * @throws IllegalArgumentException when the arrays differ in length or {@code resamples < 10}
   */
  public static Comparison of(
      Evaluation a,
      Evaluation b,
      double[] scoresA,
      double[] scoresB,
      boolean[] labels,
      int resamples,
      long seed,
      Progress progress) {
    progress.start("compare: bootstrap", resamples);
    Interval interval =
        Bootstrap.pairedAuc(scoresA, scoresB, labels, resamples, seed, r -> progress.advance(1));
    progress.finish();
    return new Comparison(
        a,
        b,
        b.auc() - a.auc(),
        interval.low(),
        interval.high(),
        Bootstrap.CONFIDENCE,
        resamples,
        seed);
  }
}
