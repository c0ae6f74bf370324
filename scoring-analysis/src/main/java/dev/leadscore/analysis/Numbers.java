package dev.leadscore.analysis;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** Parsing and printing numbers the way lead tables write them. */
final class Numbers {
  private Numbers() {}

  /** The number in a cell, or NaN if it is not one (thousands separators are not accepted). */
  static double parse(@Nullable String cell) {
    if (cell == null) {
      return Double.NaN;
    }
    String text = cell.strip();
    if (text.isEmpty() || !looksNumeric(text)) {
      return Double.NaN;
    }
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? value : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Digits with an optional sign, decimal point and exponent; rejects "NaN", "Infinity", "0x1". */
  private static boolean looksNumeric(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed =
          (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /** A number without a trailing {@code .0} and without an exponent for ordinary magnitudes. */
  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
