package dev.leadscore.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Numeric ranges {@code (-inf, c0)}, {@code [c0, c1)}, …, {@code [ck, inf)} and, when the training
 * data had missing values, a missing bin after them. Each bin is one feature and one outcome.
 */
final class NumericBins extends ColumnBins {
  private final double[] cuts;
  private final boolean hasMissing;

  NumericBins(String column, double[] cuts, boolean hasMissing) {
    super(column);
    this.cuts = cuts.clone();
    this.hasMissing = hasMissing;
  }

  @Override
  int features() {
    return outcomes();
  }

  @Override
  int activate(@Nullable String cell, int[] buffer, int at) {
    int bin = outcome(cell);
    if (bin < 0) {
      return 0;
    }
    buffer[at] = bin;
    return 1;
  }

  @Override
  int outcomes() {
    return cuts.length + 1 + (hasMissing ? 1 : 0);
  }

  @Override
  int outcome(@Nullable String cell) {
    double value = Numbers.parse(cell);
    if (Double.isNaN(value)) {
      return hasMissing ? cuts.length + 1 : -1;
    }
    int bin = 0;
    while (bin < cuts.length && value >= cuts[bin]) {
      bin++;
    }
    return bin;
  }

  @Override
  double[] effects(double[] coefficients) {
    return coefficients.clone();
  }

  @Override
  List<Map<String, Object>> cases(int[] points, List<String> placeholders) {
    List<Map<String, Object>> cases = new ArrayList<>();
    for (int bin = 0; bin <= cuts.length; bin++) {
      Map<String, Object> range = new LinkedHashMap<>();
      if (bin > 0) {
        range.put("min", cuts[bin - 1]);
      }
      if (bin < cuts.length) {
        range.put("max", cuts[bin]);
      }
      if (range.isEmpty()) {
        range.put("present", true);
      }
      range.put("points", points[bin]);
      cases.add(range);
    }
    if (hasMissing) {
      cases.add(missingCase(points[cuts.length + 1]));
    }
    return cases;
  }

  @Override
  int defaultPoints(int[] points, double[] shares) {
    return hasMissing ? points[cuts.length + 1] : averagePoints(points, shares);
  }

  static Map<String, Object> missingCase(int points) {
    Map<String, Object> missing = new LinkedHashMap<>();
    missing.put("missing", true);
    missing.put("points", points);
    return missing;
  }
}
