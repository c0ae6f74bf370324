package dev.leadscore.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ROC AUC and curve of scores against outcomes. The AUC is the Mann–Whitney statistic computed from
 * counts per distinct score, so ties count half; {@link #weighted} is the same over a bootstrap
 * resample.
 */
final class RocAuc {
  private final double[] distinct;
  private final int[] rank;

  /** Indexes the distinct scores once, so resamples cost O(n). */
  RocAuc(double[] scores) {
    distinct = Arrays.stream(scores).distinct().sorted().toArray();
    rank = new int[scores.length];
    for (int i = 0; i < scores.length; i++) {
      rank[i] = Arrays.binarySearch(distinct, scores[i]);
    }
  }

  static double auc(double[] scores, boolean[] labels) {
    int[] weights = new int[scores.length];
    Arrays.fill(weights, 1);
    return new RocAuc(scores).weighted(labels, weights);
  }

  /** The AUC where row i counts {@code weights[i]} times; NaN without both outcomes. */
  double weighted(boolean[] labels, int[] weights) {
    long[] positives = new long[distinct.length];
    long[] negatives = new long[distinct.length];
    for (int i = 0; i < rank.length; i++) {
      if (labels[i]) {
        positives[rank[i]] += weights[i];
      } else {
        negatives[rank[i]] += weights[i];
      }
    }
    double concordant = 0;
    long negativesBelow = 0;
    long totalPositives = 0;
    for (int r = 0; r < distinct.length; r++) {
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
  List<Evaluation.RocPoint> curve(boolean[] labels) {
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
    List<Evaluation.RocPoint> points = new ArrayList<>();
    points.add(new Evaluation.RocPoint(0, 0));
    long truePositives = 0;
    long falsePositives = 0;
    for (int r = distinct.length - 1; r >= 0; r--) {
      truePositives += positives[r];
      falsePositives += negatives[r];
      if (r % step == 0 || r == 0) {
        points.add(
            new Evaluation.RocPoint(
                (double) falsePositives / Math.max(1, totalNegatives),
                (double) truePositives / Math.max(1, totalPositives)));
      }
    }
    return points;
  }
}
