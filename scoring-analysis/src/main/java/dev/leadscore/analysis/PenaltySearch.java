package dev.leadscore.analysis;

import java.util.Arrays;
import java.util.Random;

/**
 * Chooses the L2 penalty by k-fold cross-validation on the training rows: the value of a
 * logarithmic grid with the lowest mean held-out log-loss.
 */
final class PenaltySearch {
  static final double[] GRID = {0.1, 0.3, 1, 3, 10, 30, 100};
  private static final int FOLDS = 5;

  private PenaltySearch() {}

  static double choose(
      Design design, boolean[] labels, int[] training, long seed, Progress progress) {
    int[] shuffled = training.clone();
    shuffle(shuffled, new Random(seed ^ 0x5DEECE66DL));
    progress.start("fit: cross-validating the penalty", (long) GRID.length * FOLDS);
    double best = GRID[0];
    double bestLoss = Double.POSITIVE_INFINITY;
    for (double lambda : GRID) {
      double loss = 0;
      for (int fold = 0; fold < FOLDS; fold++) {
        int from = fold * shuffled.length / FOLDS;
        int to = (fold + 1) * shuffled.length / FOLDS;
        int[] validation = Arrays.copyOfRange(shuffled, from, to);
        int[] fitting = new int[shuffled.length - validation.length];
        System.arraycopy(shuffled, 0, fitting, 0, from);
        System.arraycopy(shuffled, to, fitting, from, shuffled.length - to);
        LogisticRegression.Fit fit =
            LogisticRegression.fit(design.rows, labels, fitting, design.features, lambda);
        loss += LogisticRegression.logLoss(fit, design.rows, labels, validation) / FOLDS;
        progress.advance(1);
      }
      if (loss < bestLoss) {
        bestLoss = loss;
        best = lambda;
      }
    }
    progress.finish();
    return best;
  }

  static void shuffle(int[] values, Random random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }
}
