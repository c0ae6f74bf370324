package dev.leadscore.analysis;

import java.util.List;

/**
 * Turns per-bin logistic coefficients into integer points, as credit scorecards do. Each column's
 * coefficients are shifted so its lowest bin gets 0, then all are multiplied by one factor so the
 * highest possible total is at most the scale maximum (100): the total of points is then a linear
 * function of the model's log-odds, {@code logit ≈ offset + total / factor}, and no lead is
 * clamped.
 */
final class PointsScale {
  private PointsScale() {}

  /** Integer points per column and bin, and the factor (points per unit of log-odds). */
  record Scaled(int[][] points, double factor) {}

  static Scaled scale(List<double[]> coefficients, double scaleMax) {
    double range = 0;
    for (double[] column : coefficients) {
      range += max(column) - min(column);
    }
    if (range == 0) {
      return new Scaled(new int[coefficients.size()][], 0);
    }
    double factor = scaleMax / range;
    int[][] points = round(coefficients, factor);
    // Rounding may push the highest total just above the scale: shrink until it fits.
    for (int attempt = 0; attempt < 20 && highestTotal(points) > scaleMax; attempt++) {
      factor *= 0.995;
      points = round(coefficients, factor);
    }
    return new Scaled(points, factor);
  }

  private static int[][] round(List<double[]> coefficients, double factor) {
    int[][] points = new int[coefficients.size()][];
    for (int c = 0; c < points.length; c++) {
      double[] column = coefficients.get(c);
      double low = min(column);
      points[c] = new int[column.length];
      for (int b = 0; b < column.length; b++) {
        points[c][b] = (int) Math.round(factor * (column[b] - low));
      }
    }
    return points;
  }

  static int highestTotal(int[][] points) {
    int total = 0;
    for (int[] column : points) {
      int best = 0;
      for (int p : column) {
        best = Math.max(best, p);
      }
      total += best;
    }
    return total;
  }

  private static double min(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
    }
    return min;
  }

  private static double max(double[] values) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
