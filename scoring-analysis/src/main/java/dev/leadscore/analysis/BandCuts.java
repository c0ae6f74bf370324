package dev.leadscore.analysis;

import dev.leadscore.evaluation.ScoreLogistic;
import java.util.Arrays;
import java.util.List;

/** Lower bounds of bands on the 0–100 integer scale, from training scores. */
final class BandCuts {
  private BandCuts() {}

  /**
   * @param scores the training leads' scores
   * @param curve conversion probability against score
   * @return one lower bound per band, the first 0, strictly ascending
   */
  static int[] cut(BandOptions options, double[] scores, ScoreLogistic curve) {
    int bands = options.names().size();
    int[] mins = new int[bands];
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    List<Double> values = options.values();
    double total = values.stream().mapToDouble(Double::doubleValue).sum();
    double cumulative = 0;
    for (int b = 1; b < bands; b++) {
      int cut;
      if (options.mode() == BandOptions.Mode.SHARE) {
        cumulative += values.get(b - 1) / total;
        int index = (int) Math.min(sorted.length - 1, Math.round(cumulative * sorted.length));
        cut = (int) Math.ceil(sorted[index]);
      } else {
        cut = lowestScoreReaching(curve, values.get(b - 1));
      }
      mins[b] = Math.min(100, Math.max(cut, mins[b - 1] + 1));
    }
    return mins;
  }

  private static int lowestScoreReaching(ScoreLogistic curve, double rate) {
    for (int score = 0; score <= 100; score++) {
      if (curve.predict(score) >= rate) {
        return score;
      }
    }
    return 100;
  }
}
