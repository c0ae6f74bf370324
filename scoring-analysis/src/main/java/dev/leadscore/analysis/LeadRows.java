package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Value;
import dev.leadscore.proto.v1.Lead;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns table rows into wire {@link Lead}s, exactly what a client would send: one attribute per
 * typed column, keyed by the column name as it is; missing cells are left out.
 */
public final class LeadRows {
  private final Table table;
  private final String[] names;
  private final int[] positions;
  private final ColumnType[] types;
  private final int idColumn;

  /**
   * @param columns the columns that become attributes, with their types
   * @param idColumn the column whose value becomes the lead id, or {@code null} for "row-N"
   */
  public LeadRows(Table table, Map<String, ColumnType> columns, @Nullable String idColumn) {
    this.table = requireNonNull(table, "table");
    requireNonNull(columns, "columns");
    names = new String[columns.size()];
    positions = new int[names.length];
    types = new ColumnType[names.length];
    int i = 0;
    for (Map.Entry<String, ColumnType> column : columns.entrySet()) {
      names[i] = column.getKey();
      positions[i] = table.requireColumn(column.getKey(), "attribute");
      types[i] = column.getValue();
      i++;
    }
    this.idColumn = idColumn == null ? -1 : table.requireColumn(idColumn, "lead id");
  }

  public int size() {
    return table.size();
  }

  /**
   * The lead of row {@code row}.
   *
   * @throws InputException naming the cell when a numeric or boolean column holds something else
   */
  public Lead lead(int row) {
    Lead.Builder lead = Lead.newBuilder().setId(id(row));
    for (int i = 0; i < names.length; i++) {
      String cell = table.cell(row, positions[i]);
      if (cell != null) {
        lead.putAttributes(names[i], value(row, i, cell));
      }
    }
    return lead.build();
  }

  private String id(int row) {
    String id = idColumn < 0 ? null : table.cell(row, idColumn);
    return id == null ? "row-" + table.line(row) : id;
  }

  private Value value(int row, int column, String cell) {
    switch (types[column]) {
      case NUMERIC -> {
        double number = Numbers.parse(cell);
        if (Double.isNaN(number)) {
          throw InputException.atCell(
              table, row, names[column], '"' + cell + "\" (expected: a number)");
        }
        return Value.newBuilder().setNumberValue(number).build();
      }
      case BOOLEAN -> {
        Boolean flag = Labels.parse(cell);
        if (flag == null) {
          throw InputException.atCell(
              table, row, names[column], '"' + cell + "\" (expected: true/false, yes/no or 1/0)");
        }
        return Value.newBuilder().setBoolValue(flag).build();
      }
      case CATEGORICAL -> {
        return Value.newBuilder().setStringValue(cell).build();
      }
    }
    throw new AssertionError(types[column]);
  }
}
