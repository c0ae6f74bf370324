package dev.leadscore.plugins;

import dev.leadscore.api.CriterionConfig;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks the built-in factories share, on top of {@link CriterionConfig}'s typed getters. Each
 * reports a bad value as a problem naming the value and what was expected, and returns a neutral
 * value so the caller can go on reading the rest of the configuration.
 */
final class CriterionConfigs {

  /** Milliseconds in a day. */
  static final long DAY_MILLIS = 86_400_000L;

  private CriterionConfigs() {}

  /** An optional number {@code > 0}; {@code absent} when absent or bad. */
  static double optionalPositive(CriterionConfig config, String key, double absent) {
    if (!config.has(key)) {
      return absent;
    }
    if (!(config.raw(key) instanceof Double value) || !Double.isFinite(value)) {
      config.number(key); // reports the mistyped value
      return absent;
    }
    if (value > 0) {
      return value;
    }
    config.problem(key, Reasons.number(value) + " (expected: > 0)");
    return absent;
  }

  /** A required number {@code >= 0}; 0 when missing or bad. */
  static double nonNegative(CriterionConfig config, String key) {
    double value = config.number(key);
    if (value < 0) {
      config.problem(key, Reasons.number(value) + " (expected: >= 0)");
      return 0;
    }
    return value;
  }

  /** A number of days as milliseconds, rounded to the nearest millisecond. */
  static long daysToMillis(double days) {
    return Math.round(days * DAY_MILLIS);
  }

  /**
   * Describes a JSON value for a message, as {@link CriterionConfig}'s getters do: {@code missing},
   * {@code "abc"}, {@code 3}, {@code a list}.
   */
  static String describe(@Nullable Object value) {
    if (value == null) {
      return "missing";
    }
    if (value instanceof String s) {
      return s.isEmpty() ? "empty string" : '"' + s + '"';
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? Reasons.number(d) : d.toString();
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    return value.toString();
  }
}
