package dev.leadscore.evaluation;

/**
 * The logistic curve {@code p = 1 / (1 + exp(-(intercept + slope · score)))} fitted to outcomes by
 * Newton's method on the two parameters (a one-feature logistic regression, unpenalised). Both
 * parameters are NaN when the fit diverges (e.g. outcomes perfectly separated by score).
 */
public record ScoreLogistic(double intercept, double slope) {
  private static final int MAX_ITERATIONS = 100;

  /** Fits the curve to the outcomes of scored leads. */
  public static ScoreLogistic fit(double[] scores, boolean[] labels) {
    double mean = 0;
    for (double score : scores) {
      mean += score / scores.length;
    }
    // Centred scores keep the 2x2 system well conditioned.
    double a = 0;
    double b = 0;
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double ga = 0;
      double gb = 0;
      double haa = 1e-9;
      double hab = 0;
      double hbb = 1e-9;
      for (int i = 0; i < scores.length; i++) {
        double x = scores[i] - mean;
        double p = probability(a + b * x);
        double r = (labels[i] ? 1 : 0) - p;
        double w = p * (1 - p);
        ga += r;
        gb += r * x;
        haa += w;
        hab += w * x;
        hbb += w * x * x;
      }
      double determinant = haa * hbb - hab * hab;
      double da = (hbb * ga - hab * gb) / determinant;
      double db = (haa * gb - hab * ga) / determinant;
      a += da;
      b += db;
      if (!Double.isFinite(a) || !Double.isFinite(b)) {
        return new ScoreLogistic(Double.NaN, Double.NaN);
      }
      if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-12) {
        break;
      }
    }
    return new ScoreLogistic(a - b * mean, b);
  }

  /** The curve's conversion probability at {@code score}. */
  public double predict(double score) {
    return probability(intercept + slope * score);
  }

  /** {@code 1 / (1 + exp(-logit))}. */
  public static double probability(double logit) {
    return 1 / (1 + Math.exp(-logit));
  }
}
