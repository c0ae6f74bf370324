package dev.leadscore.evaluation;

/**
 * A difference with its bootstrap confidence interval.
 *
 * @param estimate the difference measured on the leads themselves; NaN when it cannot be measured
 * @param low the lower end of the interval (NaN when it cannot be measured)
 * @param high the upper end of the interval
 */
public record Interval(double estimate, double low, double high) {
  /** A difference that cannot be measured (e.g. one side has no leads to measure). */
  public static final Interval UNAVAILABLE = new Interval(Double.NaN, Double.NaN, Double.NaN);

  /** Whether the difference and its interval are numbers. */
  public boolean available() {
    return !Double.isNaN(estimate) && !Double.isNaN(low) && !Double.isNaN(high);
  }

  /** Whether the interval lies wholly above (1), below (-1) or around (0) zero. */
  public int sign() {
    return !available() ? 0 : low > 0 ? 1 : high < 0 ? -1 : 0;
  }
}
