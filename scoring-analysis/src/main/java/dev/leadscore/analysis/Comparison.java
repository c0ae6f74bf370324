package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Two models measured on the same leads, with the difference of their AUCs and a paired
 * percentile-bootstrap confidence interval for it: each resample draws leads with replacement and
 * scores both models' AUC on the same draw. Immutable.
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
    if (scoresA.length != labels.length || scoresB.length != labels.length) {
      throw new IllegalArgumentException("scores and labels differ in length");
    }
    if (resamples < 10) {
      throw new IllegalArgumentException("resamples: " + resamples + " (expected: >= 10)");
    }
    RocAuc rocA = new RocAuc(scoresA);
    RocAuc rocB = new RocAuc(scoresB);
    SplittableRandom random = new SplittableRandom(seed);
    double[] differences = new double[resamples];
    int[] weights = new int[labels.length];
    progress.start("compare: bootstrap", resamples);
    int kept = 0;
    for (int r = 0; r < resamples; r++) {
      Arrays.fill(weights, 0);
      for (int i = 0; i < labels.length; i++) {
        weights[random.nextInt(labels.length)]++;
      }
      double difference = rocB.weighted(labels, weights) - rocA.weighted(labels, weights);
      if (!Double.isNaN(difference)) {
        differences[kept++] = difference;
      }
      progress.advance(1);
    }
    progress.finish();
    double[] sorted = Arrays.copyOf(differences, kept);
    Arrays.sort(sorted);
    double confidence = 0.95;
    return new Comparison(
        a,
        b,
        b.auc() - a.auc(),
        percentile(sorted, (1 - confidence) / 2),
        percentile(sorted, 1 - (1 - confidence) / 2),
        confidence,
        resamples,
        seed);
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
    return sorted[index];
  }
}
