package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import dev.leadscore.evaluation.ScoreMeasures.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Self-contained HTML reports: one file with inline CSS and inline SVG charts (ROC curve,
 * conversion by band, lift by decile), the tables behind them and, when the evaluation carries the
 * model's {@link ModelDetails}, the model's name, version, date, description and scorecard. Opens
 * offline in any browser. Data files are named by their file name only, never their directory.
 */
public final class HtmlReport {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#212529}"
          + "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}"
          + "h3{font-size:1rem;margin:.2rem 0}"
          + ".cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #dee2e6;"
          + "border-radius:8px;padding:.8rem 1.2rem;min-width:150px}.card b{display:block;"
          + "font-size:1.5rem}.charts{display:flex;gap:1.5rem;flex-wrap:wrap;align-items:flex-start}"
          + "table{border-collapse:collapse;margin:.5rem 0}td,th{border-bottom:1px solid #dee2e6;"
          + "padding:.3rem .7rem;text-align:right}th:first-child,td:first-child{text-align:left}"
          + "p.note{color:#6c757d;font-size:.9rem;margin:.2rem 0}.meta{margin:.2rem 0}"
          + ".swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;"
          + "margin-right:.3em}"
          + ".scorecard{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));"
          + "gap:1rem}.criterion{border:1px solid #dee2e6;border-radius:8px;padding:.6rem .9rem}"
          + ".points{width:100%;margin:.3rem 0}.points td{padding:.15rem .3rem;font-size:.9rem;"
          + "vertical-align:top}.points td:last-child{font-weight:bold;white-space:nowrap}"
          + ".criterion .note{overflow-wrap:anywhere}th{white-space:nowrap}"
          + "summary{cursor:pointer}.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5rem}";

  private HtmlReport() {}

  /**
   * The report of one model on one data set.
   *
   * @param dataSource the data file, e.g. {@code data/leads.csv (holdout)}: shown by file name
   */
  public static String evaluation(Evaluation evaluation, String dataSource) {
    requireNonNull(evaluation, "evaluation");
    requireNonNull(dataSource, "dataSource");
    StringBuilder html = open("Evaluation of " + evaluation.model());
    html.append("<p class=\"meta\">")
        .append(model(evaluation, -1))
        .append(" on <b>")
        .append(Html.escape(FileNames.of(dataSource)))
        .append("</b>.</p>");
    description(html, evaluation.details());
    html.append("<div class=\"cards\">");
    cards(html, evaluation, "");
    html.append("</div>");
    scorecard(html, "Scorecard", evaluation.details());
    charts(html, List.of(evaluation));
    tables(html, evaluation);
    return close(html);
  }

  /**
   * The report of a fit: its settings, the model's scorecard and its evaluation on the held-out
   * leads (on the training leads without a holdout).
   *
   * @param dataSource the data file fitted: shown by file name
   */
  public static String fit(FitResult fit, String dataSource) {
    requireNonNull(fit, "fit");
    requireNonNull(dataSource, "dataSource");
    Evaluation shown = fit.holdout() != null ? fit.holdout() : fit.training();
    StringBuilder html = open("Fit of " + fit.model().getName());
    html.append("<p class=\"meta\">")
        .append(model(shown, -1))
        .append(" fitted to <b>")
        .append(Html.escape(FileNames.of(dataSource)))
        .append("</b>; measured below on its ")
        .append(fit.holdout() != null ? "held-out" : "training")
        .append(" leads.</p>");
    html.append("<div class=\"cards\">");
    cards(html, shown, fit.holdout() != null ? "holdout " : "training ");
    html.append(card("training AUC", ReportTables.fixed(fit.training().auc(), 3)))
        .append(card("criteria", String.valueOf(fit.model().getCriteriaCount())))
        .append("</div>");
    settings(html, fit);
    scorecard(html, "Scorecard", shown.details());
    charts(html, List.of(shown));
    tables(html, shown);
    return close(html);
  }

  /**
   * The side-by-side report of two models on the same data set.
   *
   * @param dataSource the data file: shown by file name
   */
  public static String comparison(Comparison comparison, String dataSource) {
    requireNonNull(comparison, "comparison");
    requireNonNull(dataSource, "dataSource");
    Evaluation a = comparison.a();
    Evaluation b = comparison.b();
    StringBuilder html = open("Comparison: " + a.model() + " vs " + b.model());
    html.append("<p class=\"meta\">A = ")
        .append(model(a, 0))
        .append("</p><p class=\"meta\">B = ")
        .append(model(b, 1))
        .append("</p><p class=\"meta\">Both on <b>")
        .append(Html.escape(FileNames.of(dataSource)))
        .append("</b> (")
        .append(a.leads())
        .append(" leads, base rate ")
        .append(ReportTables.percent(a.baseRate()))
        .append(").</p>");
    html.append("<div class=\"cards\">")
        .append(card("AUC A", ReportTables.fixed(a.auc(), 3)))
        .append(card("AUC B", ReportTables.fixed(b.auc(), 3)))
        .append(card("B − A", ReportTables.signed(comparison.aucDifference())))
        .append(
            card(
                String.format(
                    Locale.ROOT,
                    "%.0f %% CI (%d resamples)",
                    100 * comparison.confidence(),
                    comparison.resamples()),
                "["
                    + ReportTables.signed(comparison.low())
                    + ", "
                    + ReportTables.signed(comparison.high())
                    + "]"))
        .append(card("verdict", comparison.verdictText()))
        .append("</div>");
    charts(html, List.of(a, b));
    html.append("<h2>Bands: A, ")
        .append(Html.escape(a.model()))
        .append("</h2>")
        .append(ReportTables.segments(a.bands(), "band"))
        .append("<h2>Bands: B, ")
        .append(Html.escape(b.model()))
        .append("</h2>")
        .append(ReportTables.segments(b.bands(), "band"));
    html.append("<h2>Deciles side by side (1 = highest scores)</h2>")
        .append(ReportTables.decileComparison(a, b))
        .append("<p class=\"note\">")
        .append(ReportTables.DECILE_TIES)
        .append("</p>");
    if (a.details() != null || b.details() != null) {
      html.append("<h2>Scorecards</h2><div class=\"pair\"><div>");
      scorecard(html, "A: " + a.model(), a.details());
      description(html, a.details());
      html.append("</div><div>");
      scorecard(html, "B: " + b.model(), b.details());
      description(html, b.details());
      html.append("</div></div>");
    }
    return close(html);
  }

  /** "Model <b>name</b> · version 2 · dated … · file 2.json", with the model's colour if given. */
  private static String model(Evaluation evaluation, int colour) {
    StringBuilder text = new StringBuilder();
    if (colour >= 0) {
      text.append("<span class=\"swatch\" style=\"background:")
          .append(SvgCharts.COLOURS[colour])
          .append("\"></span>");
    }
    text.append("model <b>").append(Html.escape(evaluation.model())).append("</b>");
    ModelDetails details = evaluation.details();
    if (details != null) {
      if (details.version() != null) {
        text.append(" · version ").append(details.version());
      }
      if (details.date() != null) {
        text.append(" · dated ").append(FitDescriptions.DATE.format(details.date()));
      }
      if (details.file() != null) {
        text.append(" · file ").append(Html.escape(details.file()));
      }
    }
    return text.toString();
  }

  private static void description(StringBuilder html, @Nullable ModelDetails details) {
    if (details != null && !details.document().getDescription().isEmpty()) {
      html.append("<p class=\"note\">")
          .append(Html.escape(details.document().getDescription()))
          .append("</p>");
    }
  }

  private static void cards(StringBuilder html, Evaluation evaluation, String prefix) {
    Segment top = evaluation.deciles().get(0);
    html.append(card(prefix + "ROC AUC", ReportTables.fixed(evaluation.auc(), 3)))
        .append(card(prefix + "leads", String.valueOf(evaluation.leads())))
        .append(card("conversions", String.valueOf(evaluation.conversions())))
        .append(card("base rate", ReportTables.percent(evaluation.baseRate())))
        .append(card("top-decile lift", ReportTables.fixed(top.lift(), 2) + "×"));
  }

  private static void settings(StringBuilder html, FitResult fit) {
    FitOptions options = fit.options();
    html.append("<h2>Fit settings</h2><table>");
    row(html, "label", options.label());
    row(html, "held out", ReportTables.percent(options.holdout()) + ", seed " + options.seed());
    row(html, "excluded", String.join(", ", options.exclude().stream().sorted().toList()));
    row(
        html,
        "missing",
        "empty cells"
            + (options.placeholders().isEmpty()
                ? ""
                : ", " + String.join(", ", options.placeholders())));
    row(
        html,
        "bins",
        "at least "
            + ReportTables.percent(options.minBinShare())
            + " of the leads; at most "
            + options.maxBins()
            + " ranges per number");
    row(
        html,
        "L2 penalty",
        Numbers.format(fit.lambda())
            + (options.lambda() == null ? " (5-fold cross-validation)" : " (given)"));
    row(html, "bands", FitDescriptions.bands(options.bands()));
    row(html, "dimension", options.dimension());
    row(html, "fitted", FitDescriptions.DATE.format(fit.fitted()));
    row(html, "left out", String.join("; ", fit.dropped()));
    if (!fit.warnings().isEmpty()) {
      row(html, "warnings", String.join("; ", fit.warnings()));
    }
    html.append("</table>");
  }

  private static void row(StringBuilder html, String name, String value) {
    html.append("<tr><th>")
        .append(Html.escape(name))
        .append("</th><td style=\"text-align:left\">")
        .append(value.isEmpty() ? "–" : Html.escape(value))
        .append("</td></tr>");
  }

  private static void scorecard(StringBuilder html, String title, @Nullable ModelDetails details) {
    if (details != null) {
      html.append("<h2>").append(Html.escape(title)).append("</h2>");
      html.append(ScorecardHtml.of(details.document()));
    }
  }

  private static void charts(StringBuilder html, List<Evaluation> evaluations) {
    boolean two = evaluations.size() > 1;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < evaluations.size(); i++) {
      names.add((two ? (i == 0 ? "A: " : "B: ") : "") + evaluations.get(i).model());
    }
    html.append("<h2>Charts</h2><div class=\"charts\">");
    html.append(
        SvgCharts.roc(
            "ROC curve",
            names,
            evaluations.stream().map(Evaluation::roc).toList(),
            evaluations.stream().map(Evaluation::auc).toList()));
    List<SvgCharts.Series> lift = new ArrayList<>();
    for (int i = 0; i < evaluations.size(); i++) {
      Evaluation e = evaluations.get(i);
      lift.add(
          new SvgCharts.Series(
              names.get(i), e.deciles().stream().mapToDouble(Segment::lift).toArray(), i));
    }
    List<String> deciles = evaluations.get(0).deciles().stream().map(Segment::name).toList();
    html.append(
        SvgCharts.bars(
            "Lift by decile (1 = top scores)",
            deciles,
            lift,
            1,
            "base rate",
            "lift",
            "%.1f",
            false));
    for (int i = 0; i < evaluations.size(); i++) {
      Evaluation e = evaluations.get(i);
      List<String> bands = e.bands().stream().map(Segment::name).toList();
      html.append(
          SvgCharts.bars(
              "Conversion by band" + (two ? " — " + names.get(i) : ""),
              bands,
              List.of(
                  new SvgCharts.Series(
                      names.get(i), e.bands().stream().mapToDouble(Segment::rate).toArray(), i)),
              e.baseRate(),
              "base rate\n" + ReportTables.percent(e.baseRate()),
              "conversion",
              "%.0f",
              true));
    }
    html.append("</div>");
  }

  private static void tables(StringBuilder html, Evaluation evaluation) {
    html.append("<h2>Bands</h2>").append(ReportTables.segments(evaluation.bands(), "band"));
    html.append("<h2>Deciles (1 = highest scores)</h2>")
        .append(ReportTables.segments(evaluation.deciles(), "decile"))
        .append("<p class=\"note\">")
        .append(ReportTables.DECILE_TIES)
        .append("</p>");
    html.append("<h2>Calibration</h2>").append(ReportTables.calibration(evaluation));
  }

  /** The document's head, style and title; shared with {@link LiveReport}. */
  static StringBuilder open(String title) {
    return new StringBuilder(32_768)
        .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>leadscore: ")
        .append(Html.escape(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body><h1>")
        .append(Html.escape(title))
        .append("</h1>");
  }

  static String close(StringBuilder html) {
    return html.append(
            "<p class=\"note\">Generated by leadscore. Lift = conversion rate in the segment")
        .append(" / overall conversion rate.</p></body></html>\n")
        .toString();
  }

  static String card(String label, String value) {
    return "<div class=\"card\">" + Html.escape(label) + "<b>" + Html.escape(value) + "</b></div>";
  }
}
