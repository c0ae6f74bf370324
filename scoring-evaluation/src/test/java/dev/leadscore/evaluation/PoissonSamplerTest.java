package dev.leadscore.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoissonSamplerTest {
  private static final int DRAWS = 200_000;

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 1, 4, 9.5, 10, 37, 250, 10_000, 2_000_000})
  void next_manyDraws_meanAndVarianceOfThePoissonDistribution(double mean) {
    SplittableRandom random = new SplittableRandom(11);
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < DRAWS; i++) {
      long k = PoissonSampler.next(random, mean);
      assertThat(k).isNotNegative();
      sum += k;
      squares += (double) k * k;
    }
    double observedMean = sum / DRAWS;
    double observedVariance = squares / DRAWS - observedMean * observedMean;

    // Five standard errors: the mean's is sqrt(mean / n), the variance's about mean * sqrt(2 / n).
    assertThat(observedMean).isCloseTo(mean, within(5 * Math.sqrt(mean / DRAWS)));
    assertThat(observedVariance).isCloseTo(mean, within(5 * mean * Math.sqrt(2.0 / DRAWS) + 0.01));
  }

  @ParameterizedTest
  @ValueSource(doubles = {3, 15, 60})
  void next_manyDraws_frequenciesMatchTheExactProbabilities(double mean) {
    SplittableRandom random = new SplittableRandom(5);
    int size = (int) (mean * 3 + 20);
    long[] counts = new long[size + 1];
    for (int i = 0; i < DRAWS; i++) {
      counts[(int) Math.min(size, PoissonSampler.next(random, mean))]++;
    }

    // Pearson's chi-square over the values expected at least 20 times, against e^-m m^k / k!
    // computed directly (an oracle independent of the sampler's log-factorial).
    double chiSquare = 0;
    int cells = 0;
    double probability = Math.exp(-mean);
    for (int k = 0; k < size; k++) {
      if (k > 0) {
        probability *= mean / k;
      }
      double expected = probability * DRAWS;
      if (expected >= 20) {
        chiSquare += (counts[k] - expected) * (counts[k] - expected) / expected;
        cells++;
      }
    }
    // The 99.9th percentile of chi-square with cells - 1 degrees of freedom is below
    // cells + 4 sqrt(2 cells) + 10 for the cell counts here.
    assertThat(chiSquare).isLessThan(cells + 4 * Math.sqrt(2.0 * cells) + 10);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 10, 255, 256, 1000, 1_000_000})
  void logFactorial_againstTheSumOfLogs(long k) {
    double sum = 0;
    for (long i = 2; i <= k; i++) {
      sum += Math.log(i);
    }

    assertThat(PoissonSampler.logFactorial(k)).isCloseTo(sum, within(1e-9 * Math.max(1, sum)));
  }
}
