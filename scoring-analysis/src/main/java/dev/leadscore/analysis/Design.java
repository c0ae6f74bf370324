package dev.leadscore.analysis;

import java.util.List;

/**
 * The one-hot design of a table: for every row, the index of the active bin feature of each column
 * (columns laid side by side), and the training and holdout row sets.
 */
final class Design {
  final List<ColumnBins> columns;
  final int[] offsets;
  final int features;
  final int[][] rows;

  Design(Table table, List<ColumnBins> columns) {
    this.columns = List.copyOf(columns);
    offsets = new int[columns.size()];
    int next = 0;
    for (int c = 0; c < columns.size(); c++) {
      offsets[c] = next;
      next += columns.get(c).size();
    }
    features = next;
    int[] positions = new int[columns.size()];
    for (int c = 0; c < positions.length; c++) {
      positions[c] = table.columnIndex(columns.get(c).column());
    }
    rows = new int[table.size()][];
    int[] buffer = new int[columns.size()];
    for (int row = 0; row < rows.length; row++) {
      int active = 0;
      for (int c = 0; c < positions.length; c++) {
        int bin = columns.get(c).bin(table.cell(row, positions[c]));
        if (bin >= 0) {
          buffer[active++] = offsets[c] + bin;
        }
      }
      rows[row] = java.util.Arrays.copyOf(buffer, active);
    }
  }

  /** The coefficients of column {@code c}'s bins. */
  double[] coefficients(LogisticRegression.Fit fit, int c) {
    double[] values = new double[columns.get(c).size()];
    System.arraycopy(fit.coefficients(), offsets[c], values, 0, values.length);
    return values;
  }

  /** The share of {@code use} rows in each bin of column {@code c}. */
  double[] shares(int c, int[] use) {
    double[] shares = new double[columns.get(c).size()];
    for (int row : use) {
      for (int feature : rows[row]) {
        int bin = feature - offsets[c];
        if (bin >= 0 && bin < shares.length) {
          shares[bin] += 1.0 / use.length;
        }
      }
    }
    return shares;
  }
}
