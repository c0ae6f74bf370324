package dev.leadscore.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * The one-hot design of a table: for every row, the indices of the features it activates (columns
 * laid side by side) and, per column, the outcome it falls into.
 */
final class Design {
  final List<ColumnBins> columns;
  final int[] offsets;
  final int features;
  final int[][] rows;
  final int[][] outcomes;

  Design(Table table, List<ColumnBins> columns) {
    this.columns = List.copyOf(columns);
    offsets = new int[columns.size()];
    int next = 0;
    for (int c = 0; c < columns.size(); c++) {
      offsets[c] = next;
      next += columns.get(c).features();
    }
    features = next;
    int[] positions = new int[columns.size()];
    for (int c = 0; c < positions.length; c++) {
      positions[c] = table.columnIndex(columns.get(c).column());
    }
    rows = new int[table.size()][];
    outcomes = new int[table.size()][columns.size()];
    int[] buffer = new int[2 * columns.size()];
    for (int row = 0; row < rows.length; row++) {
      int active = 0;
      for (int c = 0; c < positions.length; c++) {
        String cell = table.cell(row, positions[c]);
        int added = columns.get(c).activate(cell, buffer, active);
        for (int k = active; k < active + added; k++) {
          buffer[k] += offsets[c];
        }
        active += added;
        outcomes[row][c] = columns.get(c).outcome(cell);
      }
      rows[row] = Arrays.copyOf(buffer, active);
    }
  }

  /** The effect of each outcome of column {@code c}: the sum of its features' coefficients. */
  double[] effects(LogisticRegression.Fit fit, int c) {
    double[] values = new double[columns.get(c).features()];
    System.arraycopy(fit.coefficients(), offsets[c], values, 0, values.length);
    return columns.get(c).effects(values);
  }

  /** The share of {@code use} rows in each outcome of column {@code c}. */
  double[] shares(int c, int[] use) {
    double[] shares = new double[columns.get(c).outcomes()];
    for (int row : use) {
      int outcome = outcomes[row][c];
      if (outcome >= 0) {
        shares[outcome] += 1.0 / use.length;
      }
    }
    return shares;
  }
}
