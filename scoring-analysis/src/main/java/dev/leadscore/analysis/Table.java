package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A table of leads as read from a file: column names as they are in the header, one row per lead,
 * missing cells as {@code null}, and the line each row started on, for messages. Immutable.
 */
public final class Table {
  private final String source;
  private final List<String> columns;
  private final Map<String, Integer> index;
  private final List<@Nullable String[]> rows;
  private final int[] lines;

  /**
   * @param source names the table in messages, e.g. its file name
   * @param rows each row as long as {@code columns}, missing cells {@code null}
   * @param lines the line of the file each row starts on
   */
  public Table(String source, List<String> columns, List<@Nullable String[]> rows, int[] lines) {
    this.source = requireNonNull(source, "source");
    this.columns = List.copyOf(columns);
    if (rows.size() != lines.length) {
      throw new IllegalArgumentException(
          "rows: " + rows.size() + ", lines: " + lines.length + " (expected: as many)");
    }
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < this.columns.size(); i++) {
      if (byName.putIfAbsent(this.columns.get(i), i) != null) {
        throw new InputException(
            source + ": column \"" + this.columns.get(i) + "\" appears twice in the header");
      }
    }
    this.index = Map.copyOf(byName);
    List<@Nullable String[]> copy = new ArrayList<>(rows.size());
    for (@Nullable String[] row : rows) {
      copy.add(row.clone());
    }
    this.rows = copy;
    this.lines = lines.clone();
  }

  public String source() {
    return source;
  }

  /** The column names, in file order. */
  public List<String> columns() {
    return columns;
  }

  public int size() {
    return rows.size();
  }

  /** The line of the file row {@code row} starts on (the header is line 1 in a CSV file). */
  public int line(int row) {
    return lines[row];
  }

  /** The position of a column, or -1 if the table has none of that name. */
  public int columnIndex(String name) {
    return index.getOrDefault(name, -1);
  }

  /**
   * The position of a column the caller needs.
   *
   * @throws InputException naming the columns there are and, when one is a near miss (a typo, a
   *     different case), the one the user probably meant
   */
  public int requireColumn(String name, String purpose) {
    int position = columnIndex(name);
    if (position < 0) {
      String guess =
          ColumnNames.nearest(name, columns).map(c -> ": did you mean \"" + c + "\"?").orElse("");
      throw new InputException(
          source
              + ": no column \""
              + name
              + "\" for the "
              + purpose
              + guess
              + " (expected one of: "
              + String.join(", ", columns)
              + ")");
    }
    return position;
  }

  /** A cell, {@code null} when missing. */
  public @Nullable String cell(int row, int column) {
    return rows.get(row)[column];
  }
}
