package dev.leadscore.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  @Test
  void arms_challengerRanksTheSamePopulationBetter_intervalAboveZero() {
    Random random = new Random(3);
    ArmSample champion = arm(random, 3000, 0.6);
    ArmSample challenger = arm(random, 3000, 2.0);

    ArmDifferences differences = Bootstrap.arms(champion, challenger, 1000, 42);

    assertThat(differences.auc().estimate())
        .isCloseTo(
            RocAuc.auc(challenger.scores(), challenger.labels())
                - RocAuc.auc(champion.scores(), champion.labels()),
            within(1e-12));
    assertThat(differences.auc().sign()).isEqualTo(1);
    assertThat(differences.topConversion().sign()).isEqualTo(1);
    assertThat(differences.auc().low()).isLessThan(differences.auc().estimate());
    assertThat(differences.auc().high()).isGreaterThan(differences.auc().estimate());
  }

  @Test
  void arms_sameSeed_sameIntervals() {
    Random random = new Random(9);
    ArmSample a = arm(random, 500, 1);
    ArmSample b = arm(random, 500, 1);

    assertThat(Bootstrap.arms(a, b, 200, 7)).isEqualTo(Bootstrap.arms(a, b, 200, 7));
    assertThat(Bootstrap.arms(a, b, 200, 7).auc()).isNotEqualTo(Bootstrap.arms(a, b, 200, 8).auc());
  }

  /**
   * The Poisson bootstrap on cells must give intervals of the promised coverage: over many
   * experiments whose arms score identically distributed leads, about 95 % of the AUC intervals
   * contain the true difference, 0.
   */
  @Test
  void arms_identicalArms_intervalsCoverZeroAboutNinetyFivePercentOfTheTime() {
    Random random = new Random(1);
    int experiments = 300;
    int covered = 0;
    for (int e = 0; e < experiments; e++) {
      ArmDifferences differences = Bootstrap.arms(arm(random, 800, 1), arm(random, 800, 1), 400, e);
      covered += differences.auc().low() <= 0 && differences.auc().high() >= 0 ? 1 : 0;
    }

    assertThat((double) covered / experiments).isBetween(0.91, 0.98);
  }

  @Test
  void arms_noLeadInTheTopBand_topConversionUnavailable() {
    ArmSample a =
        new ArmSample(
            new double[] {1, 2, 3, 4}, new boolean[] {false, true, false, true}, new boolean[4]);

    ArmDifferences differences = Bootstrap.arms(a, a, 50, 1);

    assertThat(differences.topConversion().available()).isFalse();
    assertThat(differences.topConversion().sign()).isZero();
    assertThat(differences.auc().available()).isTrue();
  }

  /**
   * An arm of leads with a latent propensity; the score is the propensity's logit plus noise
   * ({@code signal} scales the logit: higher ranks better), rounded as points are; the top band is
   * the highest fifth of scores.
   */
  private static ArmSample arm(Random random, int leads, double signal) {
    double[] scores = new double[leads];
    boolean[] labels = new boolean[leads];
    boolean[] top = new boolean[leads];
    for (int i = 0; i < leads; i++) {
      double logit = random.nextGaussian() * 1.2 - 1.5;
      labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
      scores[i] = Math.round(10 * (signal * logit + random.nextGaussian() * 1.5));
      top[i] = scores[i] > 10 * signal * 0.2;
    }
    return new ArmSample(scores, labels, top);
  }
}
