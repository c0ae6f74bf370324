package dev.leadscore.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RocAucTest {
  @Test
  void auc_againstCountingEveryPairOfLeads() {
    Random random = new Random(4);
    double[] scores = new double[400];
    boolean[] labels = new boolean[400];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = random.nextInt(30);
      labels[i] = random.nextDouble() < 0.1 + scores[i] / 60;
    }
    double concordant = 0;
    long pairs = 0;
    for (int p = 0; p < scores.length; p++) {
      for (int n = 0; n < scores.length; n++) {
        if (labels[p] && !labels[n]) {
          pairs++;
          concordant += scores[p] > scores[n] ? 1 : scores[p] == scores[n] ? 0.5 : 0;
        }
      }
    }

    assertThat(RocAuc.auc(scores, labels)).isCloseTo(concordant / pairs, within(1e-12));
  }

  @Test
  void scoreOrder_descending_sameAsSortingBoxedIndices() {
    Random random = new Random(8);
    double[] scores = new double[1001];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = random.nextInt(50) - 0.0;
    }
    scores[3] = -0.0;
    Integer[] boxed = new Integer[scores.length];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());

    assertThat(ScoreOrder.descending(scores))
        .containsExactly(Arrays.stream(boxed).mapToInt(i -> i).toArray());
  }
}
