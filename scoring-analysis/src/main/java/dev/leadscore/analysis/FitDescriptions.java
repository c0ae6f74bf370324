package dev.leadscore.analysis;

import dev.leadscore.evaluation.ScoreLogistic;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The description a fitted model carries: when and from which file it was fitted, with which
 * settings, and its score → probability curve. It travels with the model file, so any later report
 * on the model can say how it was made.
 */
final class FitDescriptions {
  static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private FitDescriptions() {}

  static String of(
      String source,
      FitOptions options,
      double lambda,
      ScoreLogistic curve,
      int trainingRows,
      Instant fitted) {
    List<String> parts = new ArrayList<>();
    parts.add(
        String.format(
            Locale.ROOT,
            "Fitted by `leadscore fit` on %s to %s, label %s: %d training leads (holdout %s, seed"
                + " %d).",
            DATE.format(fitted),
            FileNames.of(source),
            options.label(),
            trainingRows,
            Numbers.format(options.holdout()),
            options.seed()));
    if (!options.exclude().isEmpty()) {
      parts.add(
          "Excluded: " + String.join(", ", options.exclude().stream().sorted().toList()) + ".");
    }
    if (!options.placeholders().isEmpty()) {
      parts.add("Missing: empty cells and " + String.join(", ", options.placeholders()) + ".");
    }
    if (!options.types().isEmpty()) {
      parts.add(
          "Types given: "
              + options.types().entrySet().stream()
                  .sorted(Map.Entry.comparingByKey())
                  .map(e -> e.getKey() + " " + e.getValue().name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", "))
              + ".");
    }
    parts.add(
        String.format(
            Locale.ROOT,
            "Bins of at least %s of the leads, at most %d ranges per number; L2-regularised logistic"
                + " regression, lambda %s (%s); coefficients scaled to integer points.",
            percent(options.minBinShare()),
            options.maxBins(),
            Numbers.format(lambda),
            options.lambda() == null ? "by 5-fold cross-validation" : "given"));
    parts.add("Bands " + bands(options.bands()) + ".");
    parts.add(
        "Conversion probability at score s: "
            + logistic(curve.intercept(), curve.slope(), "-", "*")
            + ".");
    return String.join(" ", parts);
  }

  static String bands(BandOptions bands) {
    List<String> values = bands.values().stream().map(FitDescriptions::percent).toList();
    return String.join(", ", bands.names())
        + (bands.mode() == BandOptions.Mode.SHARE
            ? " by share of leads " + String.join(" / ", values)
            : " from predicted conversion " + String.join(", ", values));
  }

  /**
   * {@code 1 / (1 + exp(a - b * s))} for the curve {@code 1 / (1 + exp(-(intercept + slope * s)))},
   * written with the signs worked out: {@code exp(8.938 - 0.1826 * s)}, never {@code -(-8.938 …)}.
   */
  static String logistic(double intercept, double slope, String minus, String times) {
    double constant = -intercept;
    double coefficient = -slope;
    return String.format(
        Locale.ROOT,
        "1 / (1 + exp(%s%.4f %s %.4f %s s))",
        constant < 0 ? minus : "",
        Math.abs(constant),
        coefficient < 0 ? minus : "+",
        Math.abs(coefficient),
        times);
  }

  private static String percent(double share) {
    return Numbers.format(Math.round(share * 1000) / 10.0) + " %";
  }
}
