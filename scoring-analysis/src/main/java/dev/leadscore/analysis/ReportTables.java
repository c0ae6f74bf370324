package dev.leadscore.analysis;

import dev.leadscore.evaluation.ScoreMeasures;
import dev.leadscore.evaluation.ScoreMeasures.Segment;
import java.util.List;
import java.util.Locale;

/** The tables of the HTML reports: bands, deciles, deciles of two models, calibration. */
final class ReportTables {
  /** How deciles treat ties, said under every decile table. */
  static final String DECILE_TIES =
      "Deciles split the leads by score, highest first, into tenths. Leads with equal scores"
          + " always share a decile: where a tenth falls inside a run of equal scores, the boundary"
          + " moves to the nearer end of the run, so a decile holds about, not exactly, a tenth of"
          + " the leads, and its score range never overlaps another's.";

  private ReportTables() {}

  static String segments(List<Segment> segments, String what) {
    StringBuilder table =
        new StringBuilder("<table><tr><th>")
            .append(what)
            .append(
                "</th><th>scores</th><th>leads</th><th>conversions</th><th>conversion</th>"
                    + "<th>lift</th><th>share of conversions</th></tr>");
    for (Segment s : segments) {
      table
          .append("<tr><td>")
          .append(Html.escape(s.name()))
          .append("</td><td>")
          .append(range(s))
          .append("</td><td>")
          .append(s.leads())
          .append("</td><td>")
          .append(s.conversions())
          .append("</td><td>")
          .append(percent(s.rate()))
          .append("</td><td>")
          .append(fixed(s.lift(), 2))
          .append("</td><td>")
          .append(percent(s.capture()))
          .append("</td></tr>");
    }
    return table.append("</table>").toString();
  }

  static String decileComparison(Evaluation a, Evaluation b) {
    StringBuilder table =
        new StringBuilder(
            "<table><tr><th>decile</th><th>scores A</th><th>scores B</th><th>conversion A</th>"
                + "<th>conversion B</th><th>lift A</th><th>lift B</th><th>lift B − A</th></tr>");
    for (int d = 0; d < a.deciles().size(); d++) {
      Segment x = a.deciles().get(d);
      Segment y = b.deciles().get(d);
      table
          .append("<tr><td>")
          .append(Html.escape(x.name()))
          .append("</td><td>")
          .append(range(x))
          .append("</td><td>")
          .append(range(y))
          .append("</td><td>")
          .append(percent(x.rate()))
          .append("</td><td>")
          .append(percent(y.rate()))
          .append("</td><td>")
          .append(fixed(x.lift(), 2))
          .append("</td><td>")
          .append(fixed(y.lift(), 2))
          .append("</td><td>")
          .append(signed(y.lift() - x.lift()))
          .append("</td></tr>");
    }
    return table.append("</table>").toString();
  }

  static String calibration(Evaluation evaluation) {
    ScoreMeasures.Calibration c = evaluation.calibration();
    StringBuilder html =
        new StringBuilder("<p class=\"note\">A logistic curve of conversion on score: p = ")
            .append(
                FitDescriptions.logistic(c.intercept(), c.slope(), "−", "·")
                    .replace(" s)", " score)"))
            .append(curveInWords(c))
            .append(". Against the observed rate per decile, its largest gap is ")
            .append(percent(c.maxGap()))
            .append(".</p>")
            .append(
                "<table><tr><th>decile</th><th>mean score</th><th>predicted</th>"
                    + "<th>observed</th></tr>");
    for (ScoreMeasures.CalibrationRow row : c.rows()) {
      html.append("<tr><td>")
          .append(Html.escape(row.decile()))
          .append("</td><td>")
          .append(fixed(row.meanScore(), 1))
          .append("</td><td>")
          .append(percent(row.predicted()))
          .append("</td><td>")
          .append(percent(row.observed()))
          .append("</td></tr>");
    }
    return html.append("</table>").toString();
  }

  /** ": 50 % at score 48.9; every 10 points multiply the odds by 6.2", or nothing. */
  private static String curveInWords(ScoreMeasures.Calibration c) {
    if (!(c.slope() > 0) || !Double.isFinite(c.intercept())) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        ": 50 %% at score %.1f; every 10 points multiply the odds of converting by %.1f",
        -c.intercept() / c.slope(),
        Math.exp(10 * c.slope()));
  }

  static String range(Segment s) {
    if (Double.isNaN(s.maxScore()) || Double.isNaN(s.minScore())) {
      return "–";
    }
    return s.minScore() == s.maxScore()
        ? fixed(s.minScore(), 0)
        : fixed(s.minScore(), 0) + " – " + fixed(s.maxScore(), 0);
  }

  static String percent(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * value);
  }

  static String fixed(double value, int digits) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + digits + "f", value);
  }

  static String signed(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%+.3f", value).replace('-', '−');
  }
}
