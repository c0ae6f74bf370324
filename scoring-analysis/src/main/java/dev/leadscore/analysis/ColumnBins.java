package dev.leadscore.analysis;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How one column enters the fit and the model. A cell activates one or more 0/1 <em>features</em>
 * of the regression (a range or a group of values; for a rare category value also a feature of its
 * own) and falls into one <em>outcome</em>, which gets integer points: an outcome's effect is the
 * sum of the coefficients of the features it activates. Each outcome becomes (part of) a case of an
 * {@code attribute} criterion.
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

  /** The number of features this column adds to the design. */
  abstract int features();

  /**
   * Writes the features a raw cell ({@code null} = missing) activates, as indices within this
   * column, into {@code buffer} from {@code at}; returns how many.
   */
  abstract int activate(@Nullable String cell, int[] buffer, int at);

  /** The number of outcomes, the missing one included. */
  abstract int outcomes();

  /** The outcome of a raw cell ({@code null} = missing), or -1 if none takes it. */
  abstract int outcome(@Nullable String cell);

  /** Per outcome, the sum of the coefficients (one per feature) of the features it activates. */
  abstract double[] effects(double[] coefficients);

  /**
   * The {@code attribute} criterion's cases for the given integer points per outcome, in the order
   * they must be tried.
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
