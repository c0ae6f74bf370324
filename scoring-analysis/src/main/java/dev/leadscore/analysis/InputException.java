package dev.leadscore.analysis;

/**
 * A lead table that cannot be used as given. The message names the file, and where it applies the
 * line and the column, with the offending and the expected value.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A problem with one cell: {@code leads.csv line 12, column "Converted": "maybe" (expected…)}.
   */
  static InputException atCell(Table table, int row, String column, String problem) {
    return new InputException(
        table.source() + " line " + table.line(row) + ", column \"" + column + "\": " + problem);
  }
}
