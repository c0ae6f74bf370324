package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import dev.leadscore.analysis.Evaluation.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Self-contained HTML reports: one file with inline CSS and inline SVG charts (ROC curve,
 * conversion by band, lift by decile) and the tables behind them. Opens offline in any browser.
 */
public final class HtmlReport {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#212529}"
          + "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}"
          + ".cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #dee2e6;"
          + "border-radius:8px;padding:.8rem 1.2rem;min-width:150px}.card b{display:block;"
          + "font-size:1.5rem}.charts{display:flex;gap:1.5rem;flex-wrap:wrap;align-items:flex-start}"
          + "table{border-collapse:collapse;margin:.5rem 0}td,th{border-bottom:1px solid #dee2e6;"
          + "padding:.3rem .7rem;text-align:right}th:first-child,td:first-child{text-align:left}"
          + "p.note{color:#6c757d;font-size:.9rem}";

  private HtmlReport() {}

  /** The report of one model on one data set. */
  public static String evaluation(Evaluation evaluation, String dataSource) {
    requireNonNull(evaluation, "evaluation");
    StringBuilder html = open("leadscore evaluation: " + evaluation.model());
    html.append("<p>Model <b>")
        .append(Html.escape(evaluation.model()))
        .append("</b> on ")
        .append(Html.escape(dataSource))
        .append(".</p>");
    html.append("<div class=\"cards\">")
        .append(card("ROC AUC", fixed(evaluation.auc(), 3)))
        .append(card("leads", String.valueOf(evaluation.leads())))
        .append(card("conversions", String.valueOf(evaluation.conversions())))
        .append(card("base rate", percent(evaluation.baseRate())))
        .append(card("top-decile lift", fixed(evaluation.deciles().get(0).lift(), 2) + "×"))
        .append("</div>");
    charts(html, List.of(evaluation));
    html.append("<h2>Bands</h2>").append(segmentTable(evaluation.bands(), "band"));
    html.append("<h2>Deciles (1 = highest scores)</h2>")
        .append(segmentTable(evaluation.deciles(), "decile"));
    calibration(html, evaluation);
    return close(html);
  }

  /** The side-by-side report of two models on the same data set. */
  public static String comparison(Comparison comparison, String dataSource) {
    requireNonNull(comparison, "comparison");
    Evaluation a = comparison.a();
    Evaluation b = comparison.b();
    StringBuilder html = open("leadscore comparison: " + a.model() + " vs " + b.model());
    html.append("<p>A = <b>")
        .append(Html.escape(a.model()))
        .append("</b>, B = <b>")
        .append(Html.escape(b.model()))
        .append("</b>, on ")
        .append(Html.escape(dataSource))
        .append(" (")
        .append(a.leads())
        .append(" leads, base rate ")
        .append(percent(a.baseRate()))
        .append(").</p>");
    html.append("<div class=\"cards\">")
        .append(card("AUC A", fixed(a.auc(), 3)))
        .append(card("AUC B", fixed(b.auc(), 3)))
        .append(card("B − A", signed(comparison.aucDifference())))
        .append(
            card(
                String.format(
                    Locale.ROOT,
                    "%.0f %% CI (%d resamples)",
                    100 * comparison.confidence(),
                    comparison.resamples()),
                "[" + signed(comparison.low()) + ", " + signed(comparison.high()) + "]"))
        .append(card("verdict", comparison.verdictText()))
        .append("</div>");
    charts(html, List.of(a, b));
    html.append("<h2>Bands: A</h2>").append(segmentTable(a.bands(), "band"));
    html.append("<h2>Bands: B</h2>").append(segmentTable(b.bands(), "band"));
    html.append("<h2>Deciles side by side (1 = highest scores)</h2>")
        .append(decileComparison(a, b));
    return close(html);
  }

  private static void charts(StringBuilder html, List<Evaluation> evaluations) {
    List<String> names = evaluations.stream().map(Evaluation::model).toList();
    html.append("<h2>Charts</h2><div class=\"charts\">");
    html.append(
        SvgCharts.roc(
            names,
            evaluations.stream().map(Evaluation::roc).toList(),
            evaluations.stream().map(Evaluation::auc).toList()));
    List<SvgCharts.Series> lift = new ArrayList<>();
    for (Evaluation e : evaluations) {
      lift.add(
          new SvgCharts.Series(
              e.model(), e.deciles().stream().mapToDouble(Segment::lift).toArray()));
    }
    List<String> deciles = evaluations.get(0).deciles().stream().map(Segment::name).toList();
    html.append(
        SvgCharts.bars(
            "Lift by decile",
            deciles,
            lift,
            1,
            "base rate",
            "lift by decile (1 = top)",
            "%.1f",
            false));
    for (Evaluation e : evaluations) {
      List<String> bands = e.bands().stream().map(Segment::name).toList();
      html.append(
          SvgCharts.bars(
              "Conversion by band: " + e.model(),
              bands,
              List.of(
                  new SvgCharts.Series(
                      e.model(), e.bands().stream().mapToDouble(Segment::rate).toArray())),
              e.baseRate(),
              "base rate " + percent(e.baseRate()),
              "conversion by band" + (evaluations.size() > 1 ? " (" + e.model() + ")" : ""),
              "%.0f",
              true));
    }
    html.append("</div>");
  }

  private static String segmentTable(List<Segment> segments, String what) {
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

  private static String decileComparison(Evaluation a, Evaluation b) {
    StringBuilder table =
        new StringBuilder(
            "<table><tr><th>decile</th><th>conversion A</th><th>conversion B</th><th>lift A</th>"
                + "<th>lift B</th><th>lift B − A</th></tr>");
    for (int d = 0; d < a.deciles().size(); d++) {
      Segment x = a.deciles().get(d);
      Segment y = b.deciles().get(d);
      table
          .append("<tr><td>")
          .append(x.name())
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

  private static void calibration(StringBuilder html, Evaluation evaluation) {
    Evaluation.Calibration c = evaluation.calibration();
    html.append("<h2>Calibration</h2><p class=\"note\">A logistic curve of conversion on score, ")
        .append(
            String.format(
                Locale.ROOT, "p = 1 / (1 + exp(−(%.3f + %.4f · score)))", c.intercept(), c.slope()))
        .append(", against the observed rate per decile; largest gap ")
        .append(percent(c.maxGap()))
        .append(
            ".</p><table><tr><th>decile</th><th>mean score</th><th>predicted</th><th>observed</th></tr>");
    for (Evaluation.CalibrationRow row : c.rows()) {
      html.append("<tr><td>")
          .append(row.decile())
          .append("</td><td>")
          .append(fixed(row.meanScore(), 1))
          .append("</td><td>")
          .append(percent(row.predicted()))
          .append("</td><td>")
          .append(percent(row.observed()))
          .append("</td></tr>");
    }
    html.append("</table>");
  }

  private static StringBuilder open(String title) {
    return new StringBuilder(32_768)
        .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(Html.escape(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body><h1>")
        .append(Html.escape(title))
        .append("</h1>");
  }

  private static String close(StringBuilder html) {
    return html.append(
            "<p class=\"note\">Generated by leadscore. Lift = conversion rate in the segment")
        .append(" / overall conversion rate.</p></body></html>\n")
        .toString();
  }

  private static String card(String label, String value) {
    return "<div class=\"card\">" + Html.escape(label) + "<b>" + Html.escape(value) + "</b></div>";
  }

  private static String range(Segment s) {
    return Double.isNaN(s.maxScore())
        ? "–"
        : fixed(s.minScore(), 0) + " – " + fixed(s.maxScore(), 0);
  }

  static String percent(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * value);
  }

  static String fixed(double value, int digits) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + digits + "f", value);
  }

  private static String signed(double value) {
    return String.format(Locale.ROOT, "%+.3f", value);
  }
}
