package dev.leadscore.analysis;

import java.util.Random;

/**
 * Leads drawn from a known rule: log-odds of conversion = -1.5 + plan effect (free -1, pro 0,
 * enterprise +1.5) + 0.15 per web visit (missing visits -0.5). Country is noise. Plans are missing
 * ("Select") for some leads.
 */
final class SyntheticLeads {
  static final String HEADER = "Lead ID,Plan,Web Visits,Country,Converted";
  private static final String[] COUNTRIES = {"India", "Germany", "Brazil", "Kenya", "Japan"};

  private SyntheticLeads() {}

  /** The CSV text and, per row, the true log-odds. */
  record Data(String csv, double[] logits, boolean[] labels) {}

  static Data generate(int rows, long seed) {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    double[] logits = new double[rows];
    boolean[] labels = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      double u = random.nextDouble();
      String plan = u < 0.45 ? "free" : u < 0.72 ? "pro" : u < 0.95 ? "enterprise" : "Select";
      double logit =
          -1.5
              + switch (plan) {
                case "free" -> -1.0;
                case "enterprise" -> 1.5;
                default -> 0;
              };
      boolean visitsMissing = random.nextDouble() < 0.1;
      int visits = random.nextInt(21);
      logit += visitsMissing ? -0.5 : 0.15 * visits;
      String country =
          random.nextDouble() < 0.02 ? "Rare" + random.nextInt(50) : COUNTRIES[random.nextInt(5)];
      labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
      logits[i] = logit;
      csv.append("L")
          .append(i)
          .append(',')
          .append(plan)
          .append(',')
          .append(visitsMissing ? "" : String.valueOf(visits))
          .append(',')
          .append(country)
          .append(',')
          .append(labels[i] ? "yes" : "no")
          .append("\r\n");
    }
    return new Data(csv.toString(), logits, labels);
  }
}
