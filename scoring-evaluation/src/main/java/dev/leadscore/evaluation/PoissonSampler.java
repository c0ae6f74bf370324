package dev.leadscore.evaluation;

import java.util.SplittableRandom;

/**
 * Draws Poisson-distributed counts: multiplication of uniforms (Knuth) below a mean of 10, else
 * Hörmann's transformed rejection with squeeze (PTRS, "The transformed rejection method for
 * generating Poisson random variables", 1993), whose cost does not grow with the mean.
 */
final class PoissonSampler {
  private static final double[] LOG_FACTORIALS = logFactorials(256);

  private PoissonSampler() {}

  /** A draw from the Poisson distribution with mean {@code mean} (at least 0). */
  static long next(SplittableRandom random, double mean) {
    if (mean <= 0) {
      return 0;
    }
    return mean < 10 ? multiplication(random, mean) : transformedRejection(random, mean);
  }

  private static long multiplication(SplittableRandom random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    long count = 0;
    while (product > limit) {
      count++;
      product *= random.nextDouble();
    }
    return count;
  }

  private static long transformedRejection(SplittableRandom random, double mean) {
    double logMean = Math.log(mean);
    double b = 0.931 + 2.53 * Math.sqrt(mean);
    double a = -0.059 + 0.02483 * b;
    double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = random.nextDouble() - 0.5;
      double v = random.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b)
          <= -mean + k * logMean - logFactorial(k)) {
        return k;
      }
    }
  }

  /** ln(k!): a table for small k, else Stirling's series (error below 1e-15 from k = 256). */
  static double logFactorial(long k) {
    if (k < LOG_FACTORIALS.length) {
      return LOG_FACTORIALS[(int) k];
    }
    double x = k;
    double inverse = 1 / x;
    double inverseSquare = inverse * inverse;
    return x * Math.log(x)
        - x
        + 0.5 * Math.log(2 * Math.PI * x)
        + inverse * (1.0 / 12 - inverseSquare * (1.0 / 360 - inverseSquare / 1260));
  }

  private static double[] logFactorials(int size) {
    double[] table = new double[size];
    for (int k = 2; k < size; k++) {
      table[k] = table[k - 1] + Math.log(k);
    }
    return table;
  }
}
