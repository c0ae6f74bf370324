package dev.leadscore.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Grade matrices: compilation (every gap and overlap), the grade of each score, rules on it. */
class GradeTest {
  private static final long NOW =
      Timestamps.toMillis(Timestamps.parseUnchecked("2026-11-20T12:00:00Z"));

  /** fit: the size case's points; engagement: 10 per email_open. Fit capped 0..40. */
  private static final String CRITERIA =
      """
      "criteria": [
        {"id": "size", "type": "attribute", "dimension": "fit",
         "config": {"attribute": "fit_points", "cases": [{"min": 0, "points": 0}]}},
        {"id": "fit_bonus", "type": "attribute", "dimension": "fit",
         "config": {"attribute": "tier", "cases": [{"equals": "gold", "points": 35},
                                                   {"equals": "silver", "points": 20},
                                                   {"equals": "bronze", "points": 10}]}},
        {"id": "opens", "type": "event_count", "dimension": "engagement",
         "config": {"event_types": ["email_open"], "points_per_event": 10}}],
      "dimension_caps": {"fit": {"min": 0, "max": 40}},
      "bands": [{"name": "cold", "min_score": 0}, {"name": "hot", "min_score": 80}]
      """;

  private static final String GRADE =
      """
      "grade": {
        "rows": {"dimension": "fit", "steps": [
          {"name": "A", "min": 30}, {"name": "B", "min": 15, "max": 30}, {"name": "C", "max": 15}]},
        "columns": {"dimension": "engagement", "steps": [
          {"name": "1", "min": 30}, {"name": "2", "min": 10, "max": 30}, {"name": "3", "max": 10}]}}
      """;

  private static CompiledModel model(String grade, String rules) {
    return Engines.compile(
        "{\"name\": \"m\", "
            + CRITERIA
            + ", "
            + grade
            + (rules.isEmpty() ? "" : ", " + rules)
            + "}");
  }

  private static ScoreResult score(CompiledModel model, String tier, int opens) {
    Lead.Builder lead =
        Lead.newBuilder()
            .setId("l")
            .putAttributes("tier", Value.newBuilder().setStringValue(tier).build());
    for (int i = 0; i < opens; i++) {
      lead.addEvents(
          LeadEvent.newBuilder()
              .setType("email_open")
              .setTime(Timestamps.fromMillis(NOW - 1000L * (i + 1))));
    }
    return model.score(new ProtoLeadView(lead.build(), NOW), false);
  }

  @ParameterizedTest(name = "tier {0}, {1} opens: {2}")
  @CsvSource({
    "gold, 3, A1", // fit 35, engagement 30: both on a lower bound (inclusive)
    "gold, 2, A2",
    "silver, 1, B2", // fit 20, engagement 10
    "bronze, 0, C3",
    "none, 5, C1",
    "silver, 0, B3"
  })
  void score_gradeMatrix_gradeFromBothDimensions(String tier, int opens, String grade) {
    assertThat(score(model(GRADE, ""), tier, opens).grade()).isEqualTo(grade);
  }

  @Test
  void score_noGradeMatrix_emptyGrade() {
    assertThat(score(model("\"description\": \"\"", ""), "gold", 3).grade()).isEmpty();
  }

  @Test
  void score_ruleReadsGrade_seesGradeOfDimensionsBeforeRules() {
    CompiledModel model =
        model(
            GRADE,
            """
            "rules": [{"id": "bonus", "when": "grade == 'B2'", "add_points": 50},
                      {"id": "a1_hot", "when": "grade in ['A1', 'B1']", "force_band": "hot"}]
            """);

    ScoreResult b2 = score(model, "silver", 1);
    ScoreResult a1 = score(model, "gold", 3);

    assertThat(b2.firedRules()).containsExactly("bonus");
    assertThat(b2.score()).isEqualTo(80);
    assertThat(b2.grade()).as("add_points changes the score, not the grade").isEqualTo("B2");
    assertThat(a1.firedRules()).containsExactly("a1_hot");
    assertThat(a1.band()).isEqualTo("hot");
  }

  @Test
  void compile_gapsAndOverlaps_everyProblemListedWithItsPath() {
    String grade =
        """
        "grade": {
          "rows": {"dimension": "fit", "steps": [
            {"name": "A", "min": 30, "max": 40},
            {"name": "B", "min": 10, "max": 25},
            {"name": "C", "min": 5, "max": 12},
            {"name": "D", "max": 5}]},
          "columns": {"dimension": "engagment", "steps": [
            {"name": "1", "min": 30}, {"name": "1", "min": 40, "max": 20}]}}
        """;

    Map<String, String> problems = violations(grade, "");

    assertThat(problems)
        .containsOnlyKeys(
            "grade.rows.steps[1].min",
            "grade.rows.steps[0].min",
            "grade.rows.steps[0].max",
            "grade.columns.dimension",
            "grade.columns.steps[1].name",
            "grade.columns.steps[1]");
    assertThat(problems.get("grade.rows.steps[1].min"))
        .isEqualTo("10.0: overlaps steps[2] C (5.0 to 12.0) (expected: 12.0, where it ends)");
    assertThat(problems.get("grade.rows.steps[0].min"))
        .isEqualTo(
            "30.0: gap, fit from 25.0 to 30.0 has no step (expected: 25.0, where steps[1] B ends)");
    assertThat(problems.get("grade.rows.steps[0].max"))
        .isEqualTo(
            "40.0: gap, fit from 40.0 up has no step (fit ranges from 0.0 to 40.0; expected: no max"
                + " on the highest step, or one above 40.0: max is exclusive)");
    assertThat(problems.get("grade.columns.dimension"))
        .isEqualTo("\"engagment\" (expected one of the model's dimensions: fit, engagement)");
    assertThat(problems.get("grade.columns.steps[1].name")).contains("used twice");
    assertThat(problems.get("grade.columns.steps[1]")).contains("expected: min < max");
  }

  @Test
  void compile_overlapAndGapAtTheEnds_named() {
    String grade =
        """
        "grade": {
          "rows": {"dimension": "fit", "steps": [{"name": "A", "min": 10}, {"name": "B", "min": 5, "max": 15}]},
          "columns": {"dimension": "fit", "steps": [{"name": "1"}]}}
        """;

    Map<String, String> problems = violations(grade, "");

    assertThat(problems)
        .containsOnlyKeys(
            "grade.rows.steps[1].min", "grade.rows.steps[0].min", "grade.columns.dimension");
    assertThat(problems.get("grade.rows.steps[1].min"))
        .isEqualTo(
            "5.0: gap, fit below 5.0 has no step (fit ranges from 0.0 to 40.0; expected: no min on"
                + " the lowest step, or at most 0.0)");
    assertThat(problems.get("grade.rows.steps[0].min"))
        .isEqualTo("10.0: overlaps steps[1] B (5.0 to 15.0) (expected: 15.0, where it ends)");
    assertThat(problems.get("grade.columns.dimension")).contains("also the rows' dimension");
  }

  @Test
  void compile_ruleReadsGradeWithoutMatrixOrUnknownGrade_problem() {
    assertThat(
            violations(
                "\"description\": \"\"",
                "\"rules\": [{\"id\": \"r\", \"when\": \"grade == 'A1'\", \"add_points\": 1}]"))
        .containsOnly(
            Map.entry(
                "rules[0].when",
                "reads grade, but the model has no grade matrix (expected: a `grade` in the model)"));
    assertThat(
            violations(
                GRADE,
                "\"rules\": [{\"id\": \"r\", \"when\": \"grade != 'a1' && 'A1' == grade\","
                    + " \"add_points\": 1}]"))
        .containsOnly(
            Map.entry(
                "rules[0].when",
                "\"a1\" is not a grade of this model (expected one of: C3, C2, C1, B3, B2, B1, A3,"
                    + " A2, A1)"));
  }

  private static Map<String, String> violations(String grade, String rules) {
    try {
      model(grade, rules);
    } catch (ScoringException e) {
      return e.violations().stream()
          .collect(
              Collectors.toMap(
                  FieldViolation::field, FieldViolation::description, (a, b) -> a + " | " + b));
    }
    throw new AssertionError("expected problems");
  }
}
