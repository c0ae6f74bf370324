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

  private static Struct parse(String json) throws Exception {
    Struct.Builder struct = Struct.newBuilder();
    JsonFormat.parser().merge(json, struct);
    return struct.build();
  }
}
