package dev.leadscore.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static final int LEADS = 2_000;

  @Test
  void of_sameScoresTwice_differenceAndIntervalAreZero() {
    Data data = data(7);

    Comparison comparison = compare(data.informative, data.informative, data.labels, 1);

    assertThat(comparison.aucDifference()).isZero();
    assertThat(comparison.low()).isZero();
    assertThat(comparison.high()).isZero();
    assertThat(comparison.verdict()).isZero();
  }

  @Test
  void of_informativeAgainstNoise_intervalLiesAboveZero() {
    Data data = data(7);

    Comparison comparison = compare(data.noise, data.informative, data.labels, 1);

    assertThat(comparison.aucDifference()).isGreaterThan(0.2);
    assertThat(comparison.low()).isPositive();
    assertThat(comparison.low()).isLessThan(comparison.aucDifference());
    assertThat(comparison.high()).isGreaterThan(comparison.aucDifference());
    assertThat(comparison.verdict()).isEqualTo(1);
  }

  @Test
  void of_sameSeed_sameInterval() {
    Data data = data(7);

    Comparison first = compare(data.noise, data.informative, data.labels, 42);
    Comparison second = compare(data.noise, data.informative, data.labels, 42);

    assertThat(second.low()).isEqualTo(first.low());
    assertThat(second.high()).isEqualTo(first.high());
  }

  private static Comparison compare(double[] a, double[] b, boolean[] labels, long seed) {
    List<dev.leadscore.proto.v1.Band> bands = List.of(EvaluatorTest.band("all", 0));
    String[] leadBands = new String[labels.length];
    java.util.Arrays.fill(leadBands, "all");
    return Comparison.of(
        Evaluator.evaluate("a", bands, a, leadBands, labels),
        Evaluator.evaluate("b", bands, b, leadBands, labels),
        a,
        b,
        labels,
        200,
        seed,
        Progress.none());
  }

  private record Data(double[] informative, double[] noise, boolean[] labels) {}

  private static Data data(long seed) {
    Random random = new Random(seed);
    double[] informative = new double[LEADS];
    double[] noise = new double[LEADS];
    boolean[] labels = new boolean[LEADS];
    for (int i = 0; i < LEADS; i++) {
      informative[i] = random.nextInt(101);
      noise[i] = random.nextInt(101);
      double p = 1 / (1 + Math.exp(-(informative[i] - 50) / 10));
      labels[i] = random.nextDouble() < p;
    }
    return new Data(informative, noise, labels);
  }
}
