package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads the outcome column: 1/0, yes/no or true/false (any case) per lead. */
public final class Labels {
  private static final String EXPECTED = "(expected: 1/0, yes/no or true/false)";

  private Labels() {}

  /**
   * One outcome per row, {@code true} for a conversion.
   *
   * @throws InputException naming the file, line and column of the first cell that is not a label,
   *     or when every lead has the same outcome
   */
  public static boolean[] read(Table table, String column) {
    requireNonNull(table, "table");
    int position = table.requireColumn(column, "label");
    boolean[] labels = new boolean[table.size()];
    int positives = 0;
    for (int row = 0; row < labels.length; row++) {
      String cell = table.cell(row, position);
      Boolean label = parse(cell);
      if (label == null) {
        throw InputException.atCell(
            table, row, column, (cell == null ? "missing" : '"' + cell + '"') + " " + EXPECTED);
      }
      labels[row] = label;
      positives += label ? 1 : 0;
    }
    if (positives == 0 || positives == labels.length) {
      throw new InputException(
          table.source()
              + ": column \""
              + column
              + "\" holds one outcome only ("
              + positives
              + " of "
              + labels.length
              + " converted; expected: both conversions and non-conversions)");
    }
    return labels;
  }

  /** A label value, or {@code null} if the cell is not one. */
  static @Nullable Boolean parse(@Nullable String cell) {
    if (cell == null) {
      return null;
    }
    return switch (cell.strip().toLowerCase(Locale.ROOT)) {
      case "1", "1.0", "yes", "true" -> true;
      case "0", "0.0", "no", "false" -> false;
      default -> null;
    };
  }
}
