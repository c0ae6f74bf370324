package dev.leadscore.analysis;

import java.util.Locale;
import java.util.Optional;

/** Suggests the column a user most likely meant when a name they gave is not in the header. */
final class ColumnNames {
  private ColumnNames() {}

  /**
   * The column nearest to {@code name} by edit distance (ignoring case and surrounding spaces), if
   * one is near enough to be a typo: at most a third of the name's length in edits, and at least
   * one edit allowed; ties go to the first column in file order.
   */
  static Optional<String> nearest(String name, Iterable<String> columns) {
    String wanted = normal(name);
    int allowed = Math.max(1, wanted.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String column : columns) {
      int distance = distance(wanted, normal(column), allowed);
      if (distance <= allowed && distance < bestDistance) {
        best = column;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String normal(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The Levenshtein distance (insertions, deletions and substitutions of one character each), or
   * {@code limit + 1} as soon as it is certain to exceed {@code limit}.
   */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMinimum = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
        rowMinimum = Math.min(rowMinimum, current[j]);
      }
      if (rowMinimum > limit) {
        return limit + 1;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
