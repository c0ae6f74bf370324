package dev.leadscore.plugins;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/** Formatting shared by the reasons the built-in criteria give. */
final class Reasons {

  private Reasons() {}

  /**
   * Signed points with at most {@code maxDecimals} decimals and no trailing zeros: {@code +20},
   * {@code -10}, {@code +0}, {@code +17.4}.
   */
  static String points(double points, int maxDecimals) {
    // Whole points, the common case, need no decimal arithmetic (the reason is built per lead).
    if (points == Math.rint(points) && Math.abs(points) < 1e15) {
      long whole = (long) points;
      return whole < 0 ? Long.toString(whole) : "+" + whole;
    }
    BigDecimal rounded = BigDecimal.valueOf(points).setScale(maxDecimals, RoundingMode.HALF_UP);
    String plain = plain(rounded);
    return rounded.signum() < 0 ? plain : "+" + plain;
  }

  /** Signed points as configured, e.g. {@code +20} or {@code -2.5}. */
  static String points(double points) {
    return points(points, 6);
  }

  /** A number without a trailing {@code .0}: {@code 30}, {@code 0.5}, {@code -3}. */
  static String number(double value) {
    return plain(BigDecimal.valueOf(value));
  }

  /** Comma-separated, e.g. {@code email_open, email_click}. */
  static String list(List<String> values) {
    return String.join(", ", values);
  }

  /** Lower-cases a needle for case-insensitive matching, independent of the default locale. */
  static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
