package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How {@code fit} sets the bands of the model it writes.
 *
 * @param names the band names, lowest first, e.g. cold, warm, hot
 * @param mode whether {@code values} are shares of leads or conversion rates
 * @param values for {@link Mode#SHARE}: the share of training leads in each band, lowest band
 *     first, one per band (normalised to sum to 1); for {@link Mode#RATE}: the predicted conversion
 *     rate at which each band above the first begins, ascending, one fewer than names
 */
public record BandOptions(List<String> names, Mode mode, List<Double> values) {
  /** What the band values mean. */
  public enum Mode {
    SHARE,
    RATE
  }

  public BandOptions {
    names = List.copyOf(names);
    requireNonNull(mode, "mode");
    values = List.copyOf(values);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("bands: none (expected: at least one band name)");
    }
    int expected = mode == Mode.SHARE ? names.size() : names.size() - 1;
    if (values.size() != expected) {
      throw new IllegalArgumentException(
          "band values: "
              + values
              + " (expected: "
              + expected
              + (mode == Mode.SHARE
                  ? " shares, one per band"
                  : " rates, one per band above the first")
              + ")");
    }
    double previous = 0;
    for (double value : values) {
      boolean ok = mode == Mode.SHARE ? value > 0 : value > previous && value < 1;
      if (!ok) {
        throw new IllegalArgumentException(
            "band values: "
                + values
                + (mode == Mode.SHARE
                    ? " (expected: positive shares)"
                    : " (expected: ascending rates between 0 and 1)"));
      }
      previous = value;
    }
  }

  /** cold / warm / hot holding 50 %, 30 % and 20 % of the training leads. */
  public static BandOptions defaults() {
    return new BandOptions(List.of("cold", "warm", "hot"), Mode.SHARE, List.of(0.5, 0.3, 0.2));
  }
}
