package dev.leadscore.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.ScoringModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorecardHtmlTest {
  private static final ScoringModel MODEL =
      ModelDocuments.parse(
          """
          {"name": "b2b", "description": "Hand-written <b>points</b>.",
           "criteria": [
            {"id": "size", "type": "attribute", "dimension": "fit", "config": {
              "attribute": "company_size", "default_points": -2, "cases": [
                {"min": 1000, "points": 15}, {"min": 10, "max": 1000, "points": 8},
                {"max": 10, "points": -5}, {"missing": true, "points": 0}]}},
            {"id": "industry", "type": "attribute", "dimension": "fit", "config": {
              "attribute": "industry", "cases": [
                {"one_of": ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"],
                 "points": 4},
                {"contains": ["soft"], "points": 6}, {"equals": "Retail", "points": 1}]}},
            {"id": "pricing", "type": "event_count", "dimension": "engagement", "config": {
              "event_types": ["pricing_page_view"], "points_per_event": 5, "window_days": 30,
              "max_points": 15, "half_life_days": 14, "where": {"asset": "guide"}}},
            {"id": "recent", "type": "recency", "dimension": "engagement", "config": {
              "event_types": ["page_view", "email_click"], "never_points": -3, "cases": [
                {"within_days": 7, "points": 5}, {"older_than_days": 60, "points": -10}]}}],
           "bands": [{"name": "cold", "min_score": 0}, {"name": "hot", "min_score": 60}],
           "rules": [{"id": "demo", "when": "event_counts['demo'] > 0", "force_band": "hot"}]}
          """,
          "b2b.json");

  @TempDir Path directory;

  @Test
  void of_attributeCriteria_pointsPerRangeAndValueWithTheDefault() {
    String html = ScorecardHtml.of(MODEL);

    assertThat(html)
        .contains("<h3>company_size</h3>")
        .contains("<b>−5 to 15</b> points")
        .contains("<td>≥ 1000</td><td>+15</td>")
        .contains("<td>10 to &lt; 1000</td><td>+8</td>")
        .contains("<td>&lt; 10</td><td>−5</td>")
        .contains("<td><i>missing</i></td><td>+0</td>")
        .contains("<td><i>anything else</i></td><td>−2</td>")
        .contains("<td>contains soft</td><td>+6</td>")
        .contains("<td>Retail</td><td>+1</td>");
  }

  @Test
  void of_longValueList_foldsAllButTheFirstEight() {
    assertThat(ScorecardHtml.of(MODEL))
        .contains("<details><summary>a1, a2, a3, a4, a5, a6, a7, a8 and 2 more</summary>a9, a10");
  }

  @Test
  void of_eventCountAndRecency_readTheirConfigs() {
    assertThat(ScorecardHtml.of(MODEL))
        .contains(
            "<td>each pricing_page_view event where asset = guide in the last 30 days</td>"
                + "<td>+5</td>")
        .contains("at most +15 points")
        .contains("halve every 14 days")
        .contains("<td>last page_view or email_click within 7 days</td><td>+5</td>")
        .contains("<td>last page_view or email_click more than 60 days ago</td><td>−10</td>")
        .contains("<td><i>no page_view or email_click yet</i></td><td>−3</td>");
  }

  @Test
  void of_rulesAndBands_areListed() {
    assertThat(ScorecardHtml.of(MODEL))
        .contains("<code>demo</code>: when <code>event_counts[&#39;demo&#39;] &gt; 0</code>")
        .contains("the lead is hot")
        .contains("<b>cold</b> from 0, <b>hot</b> from 60");
  }

  @Test
  void ofFile_versionFile_versionDateAndFileNameOnly() throws Exception {
    Path file =
        Files.writeString(
            Files.createDirectories(directory.resolve("b2b")).resolve("3.json"), "{}");
    Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.from(Instant.parse("2026-03-04T05:06:00Z")));

    ModelDetails details = ModelDetails.ofFile(MODEL, file);

    assertThat(details.version()).isEqualTo(3);
    assertThat(details.file()).isEqualTo("3.json");
    assertThat(details.date()).isEqualTo(Instant.parse("2026-03-04T05:06:00Z"));
    assertThat(ModelDetails.ofFile(MODEL, directory.resolve("draft.json")).version()).isNull();
  }

  @Test
  void evaluationHtml_withDetails_showsVersionDateDescriptionAndScorecard() throws Exception {
    Path file = Files.writeString(directory.resolve("2.json"), "{}");
    Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.from(Instant.parse("2026-03-04T05:06:00Z")));
    double[] scores = {80, 70, 20, 10};
    Evaluation evaluation =
        Evaluator.evaluate(
            ModelDetails.ofFile(MODEL, file),
            "b2b",
            scores,
            new String[] {"hot", "hot", "cold", "cold"},
            new boolean[] {true, false, true, false});

    String html = HtmlReport.evaluation(evaluation, "/home/someone/exports/leads.csv");

    assertThat(html)
        .contains("model <b>b2b</b> · version 2 · dated 2026-03-04 05:06 UTC · file 2.json")
        .contains("Hand-written &lt;b&gt;points&lt;/b&gt;.")
        .contains("<h2>Scorecard</h2>")
        .contains("<b>leads.csv</b>")
        .doesNotContain("/home/someone");
  }
}
