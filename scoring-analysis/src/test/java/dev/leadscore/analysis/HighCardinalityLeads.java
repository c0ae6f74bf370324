package dev.leadscore.analysis;

import java.util.Random;

/**
 * Leads drawn from a known rule with one high-cardinality column, the kind `fit` meets on other
 * businesses' exports: log-odds of conversion = -1.2 + page effect + plan effect (free -0.8, pro 0,
 * enterprise +1.0) + 0.08 per web visit. The landing page has hundreds of levels whose frequencies
 * follow Zipf's law (the k-th most common page is seen about 1/k as often as the first), so most
 * pages are rare; each page's effect is drawn once from a normal distribution (sd 0.9), unrelated
 * to how common it is. Country is noise. Seeded: the same arguments give the same file.
 */
final class HighCardinalityLeads {
  static final String HEADER = "Lead ID,Landing Page,Plan,Web Visits,Country,Converted";
  private static final String[] COUNTRIES = {"India", "Germany", "Brazil", "Kenya", "Japan"};

  private HighCardinalityLeads() {}

  /**
   * The CSV text; per row, the true log-odds and the outcome drawn from them; per page ({@code
   * /lp/0001} is index 0), its true effect on the log-odds.
   */
  record Data(String csv, double[] logits, boolean[] labels, double[] pageEffects) {}

  static Data generate(int rows, int pages, long seed) {
    Random random = new Random(seed);
    double[] effects = new double[pages];
    double[] cumulative = new double[pages];
    double total = 0;
    for (int k = 0; k < pages; k++) {
      effects[k] = 0.9 * random.nextGaussian();
      total += 1.0 / (k + 1);
      cumulative[k] = total;
    }
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    double[] logits = new double[rows];
    boolean[] labels = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      int page = page(cumulative, random.nextDouble() * total);
      double u = random.nextDouble();
      String plan = u < 0.5 ? "free" : u < 0.8 ? "pro" : "enterprise";
      int visits = random.nextInt(21);
      double logit =
          -1.2
              + effects[page]
              + switch (plan) {
                case "free" -> -0.8;
                case "enterprise" -> 1.0;
                default -> 0;
              }
              + 0.08 * visits;
      logits[i] = logit;
      labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
      csv.append("L")
          .append(i)
          .append(",/lp/")
          .append(String.format(java.util.Locale.ROOT, "%04d", page + 1))
          .append(',')
          .append(plan)
          .append(',')
          .append(visits)
          .append(',')
          .append(COUNTRIES[random.nextInt(COUNTRIES.length)])
          .append(',')
          .append(labels[i] ? 1 : 0)
          .append("\r\n");
    }
    return new Data(csv.toString(), logits, labels, effects);
  }

  private static int page(double[] cumulative, double draw) {
    int index = java.util.Arrays.binarySearch(cumulative, draw);
    return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
  }
}
