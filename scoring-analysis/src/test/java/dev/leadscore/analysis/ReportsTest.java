package dev.leadscore.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {
  private static final double[] SCORES = {100, 90, 80, 70, 60, 50, 40, 30, 20, 10};
  private static final boolean[] LABELS = {
    true, true, false, true, false, false, true, false, false, false
  };

  private static Evaluation evaluation(String model) {
    String[] bands = new String[SCORES.length];
    Arrays.fill(bands, 0, 4, "hot");
    Arrays.fill(bands, 4, bands.length, "cold \"<b>\"");
    return Evaluator.evaluate(
        model,
        List.of(EvaluatorTest.band("cold \"<b>\"", 0), EvaluatorTest.band("hot", 65)),
        SCORES,
        bands,
        LABELS);
  }

  @Test
  void evaluationJson_isValidJsonWithTheMeasures() throws Exception {
    String json = JsonReports.evaluation(evaluation("m"));

    Struct parsed = parse(json);
    assertThat(parsed.getFieldsOrThrow("roc_auc").getNumberValue())
        .isCloseTo(0.833333, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(
            parsed
                .getFieldsOrThrow("bands")
                .getListValue()
                .getValues(0)
                .getStructValue()
                .getFieldsOrThrow("name")
                .getStringValue())
        .isEqualTo("cold \"<b>\"");
    assertThat(parsed.getFieldsOrThrow("deciles").getListValue().getValuesCount()).isEqualTo(10);
  }

  @Test
  void comparisonJson_hasTheDifferenceAndItsInterval() throws Exception {
    Comparison comparison =
        Comparison.of(
            evaluation("a"), evaluation("b"), SCORES, SCORES, LABELS, 50, 3, Progress.none());

    Struct difference =
        parse(JsonReports.comparison(comparison))
            .getFieldsOrThrow("auc_difference")
            .getStructValue();

    assertThat(difference.getFieldsOrThrow("b_minus_a").getNumberValue()).isZero();
    assertThat(difference.getFieldsOrThrow("verdict").getStringValue())
        .isEqualTo("no significant difference");
  }

  @Test
  void html_isSelfContainedWithEscapedNamesAndThreeCharts() {
    String html = HtmlReport.evaluation(evaluation("m"), "leads.csv");

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html).doesNotContain("<script", "https://", "<link");
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://");
    assertThat(html.split("<svg ", -1)).hasSize(4);
    assertThat(html).contains("cold &quot;&lt;b&gt;&quot;").doesNotContain("cold \"<b>\"");
    assertThat(html).contains("0.833");
  }

  @Test
  void comparisonHtml_showsBothModelsSideBySide() {
    Comparison comparison =
        Comparison.of(
            evaluation("first"),
            evaluation("second"),
            SCORES,
            SCORES,
            LABELS,
            50,
            3,
            Progress.none());

    String html = HtmlReport.comparison(comparison, "leads.csv");

    assertThat(html).contains("first", "second", "CI", "lift B − A");
    assertThat(html).doesNotContain("<script");
  }

  @Test
  void scoreLines_idsWithQuotesAndControlCharacters_oneValidObjectPerLine() throws Exception {
    TableScorer.Scores scores =
        new TableScorer.Scores(
            new double[] {61.5, 12},
            new String[] {"hot", "cold"},
            new String[] {"a\"b\\c", "x\ny\u0001"});

    String[] lines = JsonReports.scoreLines(scores).split("\n", -1);

    assertThat(lines).hasSize(3);
    assertThat(lines[2]).isEmpty();
    assertThat(parse(lines[0]).getFieldsOrThrow("id").getStringValue()).isEqualTo("a\"b\\c");
    assertThat(parse(lines[1]).getFieldsOrThrow("id").getStringValue()).isEqualTo("x\ny\u0001");
    assertThat(parse(lines[0]).getFieldsOrThrow("score").getNumberValue()).isEqualTo(61.5);
  }

  @Test
  void html_everyChartHasAVisibleTitle() {
    String html = HtmlReport.evaluation(evaluation("m"), "leads.csv");

    assertThat(html)
        .contains("font-weight=\"bold\">ROC curve</text>")
        .contains("font-weight=\"bold\">Lift by decile (1 = top scores)</text>")
        .contains("font-weight=\"bold\">Conversion by band</text>");
  }

  @Test
  void html_absoluteDataPath_showsTheFileNameOnly() {
    String html =
        HtmlReport.evaluation(evaluation("m"), "/home/ana/crm/exports/leads.csv (holdout)");

    assertThat(html).contains("<b>leads.csv (holdout)</b>").doesNotContain("/home/ana", "exports");
  }

  @Test
  void html_calibration_writesTheCurveWithItsSignsWorkedOut() {
    String html = HtmlReport.evaluation(evaluation("m"), "leads.csv");

    String calibration = html.substring(html.indexOf("<h2>Calibration</h2>"));
    assertThat(calibration)
        .containsPattern("p = 1 / \\(1 \\+ exp\\([0-9.]+ − [0-9.]+ · score\\)\\)")
        .doesNotContain("(-", "−(", "--", "+ -", "+ −");
  }

  @Test
  void comparisonHtml_modelBIsOrangeInEveryChartAndAIsBlue() {
    Comparison comparison =
        Comparison.of(
            evaluation("first"),
            evaluation("second"),
            SCORES,
            SCORES,
            LABELS,
            50,
            3,
            Progress.none());

    String html = HtmlReport.comparison(comparison, "leads.csv");

    String[] charts = html.split("<svg ", -1);
    assertThat(charts).hasSize(5);
    String blue = SvgCharts.COLOURS[0];
    String orange = SvgCharts.COLOURS[1];
    assertThat(charts[1]).contains("stroke=\"" + blue).contains("stroke=\"" + orange);
    assertThat(charts[2]).contains("fill=\"" + blue).contains("fill=\"" + orange);
    assertThat(charts[3]).doesNotContain(orange);
    assertThat(charts[3]).contains("Conversion by band — A: first").contains("fill=\"" + blue);
    assertThat(charts[4]).contains("Conversion by band — B: second").contains("fill=\"" + orange);
    assertThat(charts[4]).doesNotContain("fill=\"" + blue);
  }

  @Test
  void comparisonHtml_longModelNames_legendIsShortenedToFitAndKeepsTheAuc() {
    String name = "x-education-with-a-name-far-longer-than-any-legend-has-room-for (2.json)";
    Comparison comparison =
        Comparison.of(
            evaluation(name), evaluation("b"), SCORES, SCORES, LABELS, 50, 3, Progress.none());

    String roc = HtmlReport.comparison(comparison, "leads.csv").split("<svg ", -1)[1];

    assertThat(roc).contains("<title>A: " + name + " (AUC 0.833)</title>");
    assertThat(roc).containsPattern(">A: x-education-with-a-name[^<]*… \\(AUC 0.833\\)</text>");
    assertThat(roc).contains(">B: b (AUC 0.833)</text>");
  }

  @Test
  void fitHtml_showsTheSettingsAndTheScorecard() {
    SyntheticLeads.Data data = SyntheticLeads.generate(1_000, 3);
    Table table =
        TableReader.parse(
            data.csv(), "synthetic.csv", new ReadOptions(null, java.util.Set.of("Select")));
    FitResult fit =
        new ScorecardFitter(
                ScorecardFitterTest.COMPILER,
                java.time.Clock.fixed(
                    java.time.Instant.parse("2026-02-03T04:05:06Z"), java.time.ZoneOffset.UTC))
            .fit(
                table,
                FitOptions.defaults("Converted", "synthetic")
                    .withExclude(java.util.Set.of("Lead ID")),
                Progress.none());

    String html = HtmlReport.fit(fit, "/data/synthetic.csv");

    assertThat(html)
        .contains("<h2>Fit settings</h2>")
        .contains("<th>excluded</th><td style=\"text-align:left\">Lead ID</td>")
        .contains("<th>fitted</th><td style=\"text-align:left\">2026-02-03 04:05 UTC</td>")
        .contains("<h2>Scorecard</h2>")
        .contains("<h3>Plan</h3>")
        .doesNotContain("/data/");
    assertThat(fit.model().getDescription())
        .startsWith(
            "Fitted by `leadscore fit` on 2026-02-03 04:05 UTC to synthetic.csv, label Converted")
        .contains("Excluded: Lead ID.");
  }

  @Test
  void fitJson_hasTheSettingsAndTheModelDetails() throws Exception {
    SyntheticLeads.Data data = SyntheticLeads.generate(1_000, 3);
    Table table =
        TableReader.parse(data.csv(), "synthetic.csv", new ReadOptions(null, java.util.Set.of()));
    FitResult fit =
        new ScorecardFitter(ScorecardFitterTest.COMPILER)
            .fit(
                table,
                FitOptions.defaults("Converted", "synthetic")
                    .withExclude(java.util.Set.of("Lead ID")),
                Progress.none());

    Struct json = parse(JsonReports.fit(fit));

    Struct settings = json.getFieldsOrThrow("settings").getStructValue();
    assertThat(settings.getFieldsOrThrow("label").getStringValue()).isEqualTo("Converted");
    assertThat(settings.getFieldsOrThrow("holdout").getNumberValue()).isEqualTo(0.3);
    assertThat(settings.getFieldsOrThrow("exclude").getListValue().getValues(0).getStringValue())
        .isEqualTo("Lead ID");
    assertThat(
            json.getFieldsOrThrow("holdout")
                .getStructValue()
                .getFieldsOrThrow("model_details")
                .getStructValue()
                .getFieldsOrThrow("description")
                .getStringValue())
        .startsWith("Fitted by `leadscore fit` on ");
  }

  @Test
  void logistic_signsWorkedOut() {
    assertThat(FitDescriptions.logistic(-8.938, 0.1826, "-", "*"))
        .isEqualTo("1 / (1 + exp(8.9380 - 0.1826 * s))");
    assertThat(FitDescriptions.logistic(1.5, -0.2, "−", "·"))
        .isEqualTo("1 / (1 + exp(−1.5000 + 0.2000 · s))");
  }

  private static Struct parse(String json) throws Exception {
    Struct.Builder struct = Struct.newBuilder();
    JsonFormat.parser().merge(json, struct);
    return struct.build();
  }
}
