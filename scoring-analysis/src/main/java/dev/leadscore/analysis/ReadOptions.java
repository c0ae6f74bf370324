package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to read a lead table.
 *
 * @param delimiter the CSV delimiter, or {@code null} to detect it from the header line (comma,
 *     semicolon, tab or pipe)
 * @param missingValues cell values that mean "not given" besides empty cells, compared exactly
 *     after trimming surrounding whitespace (e.g. {@code Select}); none by default
 */
public record ReadOptions(@Nullable Character delimiter, Set<String> missingValues) {
  public ReadOptions {
    requireNonNull(missingValues, "missingValues");
    missingValues = Set.copyOf(missingValues);
    if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
      throw new IllegalArgumentException(
          "delimiter: " + delimiter + " (expected: not a quote or a line break)");
    }
  }

  /** Detect the delimiter; only empty cells are missing. */
  public static ReadOptions defaults() {
    return new ReadOptions(null, Set.of());
  }

  /** Whether a raw cell means "not given". */
  boolean isMissing(@Nullable String cell) {
    if (cell == null) {
      return true;
    }
    String trimmed = cell.strip();
    return trimmed.isEmpty() || missingValues.contains(trimmed);
  }
}
