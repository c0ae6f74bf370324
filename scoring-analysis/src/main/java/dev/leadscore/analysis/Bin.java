package dev.leadscore.analysis;

/** Conversion counts of one bin while bins are being merged. */
record Bin(int leads, int conversions) {
  Bin plus(Bin other) {
    return new Bin(leads + other.leads, conversions + other.conversions);
  }

  double rate() {
    return leads == 0 ? 0 : (double) conversions / leads;
  }

  /**
   * Pearson's chi-square statistic of the 2x2 table of two bins against conversion: small when the
   * bins convert alike, so merging them loses little.
   */
  static double chiSquare(Bin a, Bin b) {
    double total = a.leads + b.leads;
    double conversions = a.conversions + b.conversions;
    double misses = total - conversions;
    if (conversions == 0 || misses == 0) {
      return 0;
    }
    double chi = 0;
    for (Bin bin : new Bin[] {a, b}) {
      double expectedConversions = bin.leads * conversions / total;
      double expectedMisses = bin.leads * misses / total;
      chi += square(bin.conversions - expectedConversions) / expectedConversions;
      chi += square(bin.leads - bin.conversions - expectedMisses) / expectedMisses;
    }
    return chi;
  }

  private static double square(double x) {
    return x * x;
  }
}
