package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import dev.leadscore.api.AttributeType;
import dev.leadscore.core.lead.ExpectedAttribute;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decides the type of each column: given, expected by a model, or detected from the cells. */
public final class ColumnTypes {
  private ColumnTypes() {}

  /**
   * A column is numeric when it has a value and every value is a number; otherwise categorical.
   * {@code overrides} win; an override to numeric is checked cell by cell.
   *
   * @throws InputException naming the first cell that is not a number in a column said to be one,
   *     or an override for a column the table does not have
   */
  public static Map<String, ColumnType> detect(
      Table table, Iterable<String> columns, Map<String, ColumnType> overrides) {
    requireNonNull(table, "table");
    requireNonNull(overrides, "overrides");
    for (String column : overrides.keySet()) {
      table.requireColumn(column, "column type");
    }
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (String column : columns) {
      int position = table.requireColumn(column, "column type");
      ColumnType type = overrides.get(column);
      if (type == null) {
        type = looksNumeric(table, position) ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
      } else if (type == ColumnType.NUMERIC) {
        requireNumbers(table, position);
      }
      types.put(column, type);
    }
    return types;
  }

  /**
   * The types a compiled model reads its attributes as, for the columns the table has; other
   * columns as {@link #detect} decides.
   */
  public static Map<String, ColumnType> forModel(
      Table table, Map<String, ExpectedAttribute> expected, Map<String, ColumnType> overrides) {
    Map<String, ColumnType> given = new LinkedHashMap<>(overrides);
    expected.forEach(
        (attribute, expectation) -> {
          if (table.columnIndex(attribute) >= 0 && !given.containsKey(attribute)) {
            given.put(attribute, fromAttributeType(expectation.type()));
          }
        });
    return detect(table, table.columns(), given);
  }

  private static ColumnType fromAttributeType(AttributeType type) {
    return switch (type) {
      case NUMBER -> ColumnType.NUMERIC;
      case BOOLEAN -> ColumnType.BOOLEAN;
      case STRING, LIST, OBJECT, NULL, MISSING -> ColumnType.CATEGORICAL;
    };
  }

  private static boolean looksNumeric(Table table, int column) {
    boolean any = false;
    for (int row = 0; row < table.size(); row++) {
      String cell = table.cell(row, column);
      if (cell != null) {
        if (Double.isNaN(Numbers.parse(cell))) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private static void requireNumbers(Table table, int column) {
    for (int row = 0; row < table.size(); row++) {
      String cell = table.cell(row, column);
      if (cell != null && Double.isNaN(Numbers.parse(cell))) {
        throw InputException.atCell(
            table, row, table.columns().get(column), '"' + cell + "\" (expected: a number)");
      }
    }
  }
}
