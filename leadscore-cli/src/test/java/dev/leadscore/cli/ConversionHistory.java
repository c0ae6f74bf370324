package dev.leadscore.cli;

import java.util.Random;

/**
 * A semicolon-separated, CRLF, yes/no-labelled history of leads drawn from a known rule, with
 * column names as CRMs export them: referrals convert best, cold calls worst; more time on the site
 * converts better; students convert less, working professionals more; occupation is often "Select"
 * (not given).
 */
final class ConversionHistory {
  private ConversionHistory() {}

  static String csv(int rows, long seed) {
    Random random = new Random(seed);
    String[] origins = {"Referral", "Web Form", "Cold Call"};
    double[] originEffect = {1.5, 0, -1.2};
    String[] occupations = {"Select", "Student", "Working Professional"};
    double[] occupationEffect = {0, -1, 1};
    StringBuilder csv =
        new StringBuilder("Lead ID;Lead Origin;Total Time Spent;Occupation;Won\r\n");
    for (int i = 0; i < rows; i++) {
      int origin = random.nextInt(3);
      int occupation = random.nextInt(3);
      int seconds = random.nextInt(1500);
      double logit =
          -1 + originEffect[origin] + occupationEffect[occupation] + 0.002 * (seconds - 750);
      boolean won = random.nextDouble() < 1 / (1 + Math.exp(-logit));
      csv.append("L-")
          .append(i)
          .append(';')
          .append(origins[origin])
          .append(';')
          .append(seconds)
          .append(';')
          .append(occupations[occupation])
          .append(';')
          .append(won ? "Yes" : "No")
          .append("\r\n");
    }
    return csv.toString();
  }
}
