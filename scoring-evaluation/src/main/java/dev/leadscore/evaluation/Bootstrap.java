package dev.leadscore.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Percentile bootstrap intervals (95 %) for differences between models, seeded so that the same
 * leads and seed give the same interval.
 *
 * <ul>
 *   <li>{@link #pairedAuc}: two models scoring the same leads; each resample draws leads with
 *       replacement and measures both models on the same draw, so the interval reflects only how
 *       the models differ.
 *   <li>{@link #arms}: champion and challenger of an experiment, which scored different leads (a
 *       random split of one population); each arm is resampled on its own. Resampling uses the
 *       Poisson bootstrap (each lead counts Poisson(1) times, independently; Hanley and MacGibbon,
 *       2006), which for large samples is equivalent to drawing with replacement, on cells of leads
 *       that share a score, an outcome and a top-band flag: a cell of {@code n} leads counts
 *       Poisson(n) times. So a resample costs the number of distinct scores, not the number of
 *       leads, and an experiment over a million leads is measured in milliseconds.
 * </ul>
 */
public final class Bootstrap {
  /** The confidence level of every interval. */
  public static final double CONFIDENCE = 0.95;

  private Bootstrap() {}

  /**
   * AUC(B) − AUC(A) for two models' scores of the same leads.
   *
   * @param onResample called after each resample (progress)
   * @throws IllegalArgumentException when the arrays differ in length or {@code resamples < 10}
   */
  public static Interval pairedAuc(
      double[] scoresA,
      double[] scoresB,
      boolean[] labels,
      int resamples,
      long seed,
      IntConsumer onResample) {
    if (scoresA.length != labels.length || scoresB.length != labels.length) {
      throw new IllegalArgumentException("scores and labels differ in length");
    }
    checkResamples(resamples);
    RocAuc rocA = new RocAuc(scoresA);
    RocAuc rocB = new RocAuc(scoresB);
    SplittableRandom random = new SplittableRandom(seed);
    double[] differences = new double[resamples];
    int[] weights = new int[labels.length];
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
      onResample.accept(r + 1);
    }
    return interval(rocB.auc(labels) - rocA.auc(labels), Arrays.copyOf(differences, kept));
  }

  /**
   * Challenger minus champion: AUC, and conversion of the leads placed in the top band.
   *
   * @throws IllegalArgumentException when {@code resamples < 10}
   */
  public static ArmDifferences arms(
      ArmSample champion, ArmSample challenger, int resamples, long seed) {
    checkResamples(resamples);
    Cells a = new Cells(champion);
    Cells b = new Cells(challenger);
    SplittableRandom random = new SplittableRandom(seed);
    double[] auc = new double[resamples];
    double[] top = new double[resamples];
    int keptAuc = 0;
    int keptTop = 0;
    for (int r = 0; r < resamples; r++) {
      a.resample(random);
      b.resample(random);
      double aucDifference = b.auc() - a.auc();
      if (!Double.isNaN(aucDifference)) {
        auc[keptAuc++] = aucDifference;
      }
      double topDifference = b.topConversion() - a.topConversion();
      if (!Double.isNaN(topDifference)) {
        top[keptTop++] = topDifference;
      }
    }
    a.observed();
    b.observed();
    return new ArmDifferences(
        interval(b.auc() - a.auc(), Arrays.copyOf(auc, keptAuc)),
        interval(b.topConversion() - a.topConversion(), Arrays.copyOf(top, keptTop)),
        CONFIDENCE,
        resamples,
        seed);
  }

  private static void checkResamples(int resamples) {
    if (resamples < 10) {
      throw new IllegalArgumentException("resamples: " + resamples + " (expected: >= 10)");
    }
  }

  private static Interval interval(double estimate, double[] differences) {
    if (Double.isNaN(estimate) || differences.length == 0) {
      return Interval.UNAVAILABLE;
    }
    Arrays.sort(differences);
    return new Interval(
        estimate,
        percentile(differences, (1 - CONFIDENCE) / 2),
        percentile(differences, 1 - (1 - CONFIDENCE) / 2));
  }

  static double percentile(double[] sorted, double p) {
    int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
    return sorted[index];
  }

  /**
   * An arm's leads grouped by (distinct score, converted, top band), with the weights of the
   * current resample.
   */
  private static final class Cells {
    private final int[] rank;
    private final boolean[] converted;
    private final boolean[] top;
    private final long[] count;
    private final long[] weight;
    private final long[] positives;
    private final long[] negatives;

    Cells(ArmSample sample) {
      RocAuc roc = new RocAuc(sample.scores());
      long[] byKey = new long[roc.distinctScores() * 4];
      int cells = 0;
      for (int i = 0; i < sample.leads(); i++) {
        int key = key(roc.rank(i), sample.labels()[i], sample.top()[i]);
        cells += byKey[key]++ == 0 ? 1 : 0;
      }
      rank = new int[cells];
      converted = new boolean[cells];
      top = new boolean[cells];
      count = new long[cells];
      int c = 0;
      for (int key = 0; key < byKey.length; key++) {
        if (byKey[key] > 0) {
          rank[c] = key / 4;
          converted[c] = (key & 2) != 0;
          top[c] = (key & 1) != 0;
          count[c++] = byKey[key];
        }
      }
      weight = count.clone();
      positives = new long[roc.distinctScores()];
      negatives = new long[roc.distinctScores()];
    }

    private static int key(int rank, boolean converted, boolean top) {
      return rank * 4 + (converted ? 2 : 0) + (top ? 1 : 0);
    }

    void resample(SplittableRandom random) {
      for (int c = 0; c < count.length; c++) {
        weight[c] = PoissonSampler.next(random, count[c]);
      }
    }

    /** Back to the leads as observed. */
    void observed() {
      System.arraycopy(count, 0, weight, 0, count.length);
    }

    double auc() {
      Arrays.fill(positives, 0);
      Arrays.fill(negatives, 0);
      for (int c = 0; c < weight.length; c++) {
        (converted[c] ? positives : negatives)[rank[c]] += weight[c];
      }
      return RocAuc.fromCounts(positives, negatives);
    }

    double topConversion() {
      long leads = 0;
      long conversions = 0;
      for (int c = 0; c < weight.length; c++) {
        if (top[c]) {
          leads += weight[c];
          conversions += converted[c] ? weight[c] : 0;
        }
      }
      return leads == 0 ? Double.NaN : (double) conversions / leads;
    }
  }
}
