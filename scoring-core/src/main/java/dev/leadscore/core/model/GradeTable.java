package dev.leadscore.core.model;

/**
 * A compiled grade matrix: each axis's steps by ascending lower bound, covering its dimension
 * without gaps, and every grade name built once. Finding a grade is a few comparisons per axis.
 */
final class GradeTable {
  private final int rowDimension;
  private final double[] rowMins;
  private final int columnDimension;
  private final double[] columnMins;
  private final String[][] grades;

  GradeTable(
      int rowDimension,
      double[] rowMins,
      String[] rowNames,
      int columnDimension,
      double[] columnMins,
      String[] columnNames) {
    this.rowDimension = rowDimension;
    this.rowMins = rowMins.clone();
    this.columnDimension = columnDimension;
    this.columnMins = columnMins.clone();
    this.grades = new String[rowNames.length][columnNames.length];
    for (int row = 0; row < rowNames.length; row++) {
      for (int column = 0; column < columnNames.length; column++) {
        grades[row][column] = rowNames[row] + columnNames[column];
      }
    }
  }

  /** The grade of the dimension subtotals (after caps and rounding), e.g. {@code A1}. */
  String grade(double[] dimensions) {
    return grades[step(rowMins, dimensions[rowDimension])][
        step(columnMins, dimensions[columnDimension])];
  }

  /** Every grade name, rows by ascending lower bound, then columns likewise. */
  java.util.Set<String> names() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (String[] row : grades) {
      names.addAll(java.util.List.of(row));
    }
    return names;
  }

  /** The highest step whose lower bound is at most {@code value}; steps cover every value. */
  private static int step(double[] mins, double value) {
    int index = 0;
    for (int i = 1; i < mins.length && mins[i] <= value; i++) {
      index = i;
    }
    return index;
  }
}
