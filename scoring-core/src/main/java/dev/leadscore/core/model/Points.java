package dev.leadscore.core.model;

/** Formats points for people: whole numbers without a fraction, others with up to two decimals. */
final class Points {
  private Points() {}

  static String format(double points) {
    double rounded = CompiledModel.round(points);
    if (rounded == Math.rint(rounded)) {
      return Long.toString((long) rounded);
    }
    return Double.toString(rounded);
  }
}
