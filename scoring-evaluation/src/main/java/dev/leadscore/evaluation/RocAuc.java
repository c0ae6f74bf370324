package dev.leadscore.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ROC AUC and curve of scores against outcomes. The AUC is the Mann–Whitney statistic computed from
 * counts per distinct score, so ties count half; {@link #weighted} is the same over a bootstrap
 * resample. Immutable once built.
 */
public final class RocAuc {
  private final double[] distinct;
  private final int[] rank;

  /** Indexes the distinct scores once (a sort), so each resample costs O(leads). */
  public RocAuc(double[] scores) {
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    int count = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (count == 0 || Double.compare(sorted[i], sorted[count - 1]) != 0) {
        sorted[count++] = sorted[i];
      }
    }
    distinct = Arrays.copyOf(sorted, count);
    rank = new int[scores.length];
    for (int i = 0; i < scores.length; i++) {
      rank[i] = Arrays.binarySearch(distinct, scores[i]);
    }
  }

  /** The AUC of {@code scores} against {@code labels}; NaN without both outcomes. */
  public static double auc(double[] scores, boolean[] labels) {
    return new RocAuc(scores).auc(labels);
  }

  /** The AUC of the scores this was built from against {@code labels}; NaN without both. */
  public double auc(boolean[] labels) {
    int[] weights = new int[rank.length];
    Arrays.fill(weights, 1);
    return weighted(labels, weights);
  }

  /** How many distinct scores there are. */
  public int distinctScores() {
    return distinct.length;
  }

  /** The position of lead {@code i}'s score among the distinct scores, lowest first. */
  public int rank(int i) {
    return rank[i];
  }

  /** The AUC where row i counts {@code weights[i]} times; NaN without both outcomes. */
  public double weighted(boolean[] labels, int[] weights) {
    long[] positives = new long[distinct.length];
    long[] negatives = new long[distinct.length];
    for (int i = 0; i < rank.length; i++) {
      if (labels[i]) {
        positives[rank[i]] += weights[i];
      } else {
        negatives[rank[i]] += weights[i];
      }
    }
    return fromCounts(positives, negatives);
  }

  /**
   * The AUC from the number of converted ({@code positives}) and unconverted leads per distinct
   * score, lowest score first; NaN without both outcomes.
   */
  public static double fromCounts(long[] positives, long[] negatives) {
    double concordant = 0;
    long negativesBelow = 0;
    long totalPositives = 0;
    for (int r = 0; r < positives.length; r++) {
      concordant += positives[r] * (negativesBelow + 0.5 * negatives[r]);
      negativesBelow += negatives[r];
      totalPositives += positives[r];
    }
    if (totalPositives == 0 || negativesBelow == 0) {
      return Double.NaN;
    }
    return concordant / ((double) totalPositives * negativesBelow);
  }

  /** The ROC curve through every distinct score, highest first, thinned to at most 400 points. */
  public List<ScoreMeasures.RocPoint> curve(boolean[] labels) {
    long[] positives = new long[distinct.length];
    long[] negatives = new long[distinct.length];
    long totalPositives = 0;
    for (int i = 0; i < rank.length; i++) {
      if (labels[i]) {
        positives[rank[i]]++;
        totalPositives++;
      } else {
        negatives[rank[i]]++;
      }
    }
    long totalNegatives = rank.length - totalPositives;
    int step = Math.max(1, distinct.length / 400);
    List<ScoreMeasures.RocPoint> points = new ArrayList<>();
    points.add(new ScoreMeasures.RocPoint(0, 0));
    long truePositives = 0;
    long falsePositives = 0;
    for (int r = distinct.length - 1; r >= 0; r--) {
      truePositives += positives[r];
      falsePositives += negatives[r];
      if (r % step == 0 || r == 0) {
        points.add(
            new ScoreMeasures.RocPoint(
                (double) falsePositives / Math.max(1, totalNegatives),
                (double) truePositives / Math.max(1, totalPositives)));
      }
    }
    return points;
  }
}
