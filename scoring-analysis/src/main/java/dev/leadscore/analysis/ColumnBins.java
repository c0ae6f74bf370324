package dev.leadscore.analysis;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The bins one column is cut into for fitting: numeric ranges or groups of categories, plus a bin
 * for missing values when the training data had any. Each bin becomes one case of an {@code
 * attribute} criterion.
 */
abstract sealed class ColumnBins permits NumericBins, CategoryBins {
  private final String column;

  ColumnBins(String column) {
    this.column = column;
  }

  /** The column, which is also the attribute name in the model. */
  final String column() {
    return column;
  }

  /** The number of bins, the missing bin included. */
  abstract int size();

  /** The bin of a raw cell ({@code null} = missing), or -1 if no bin takes it. */
  abstract int bin(@Nullable String cell);

  /** A human-readable description of a bin, e.g. {@code [3, 7)} or {@code google, direct}. */
  abstract String label(int bin);

  /**
   * The {@code attribute} criterion's cases for the given integer points per bin, in the order they
   * must be tried.
   */
  abstract List<Map<String, Object>> cases(int[] points, List<String> placeholders);

  /** Points for leads that no case matches. */
  abstract int defaultPoints(int[] points, double[] shares);

  /** The share-weighted average of points, for leads whose value the training data never had. */
  static int averagePoints(int[] points, double[] shares) {
    double sum = 0;
    for (int i = 0; i < points.length; i++) {
      sum += points[i] * shares[i];
    }
    return (int) Math.round(sum);
  }
}
