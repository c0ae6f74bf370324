package dev.leadscore.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.rule.RuleConditions;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Model documents in, every diagnostic out. */
class ModelCompilerTest {
  private static final String BANDS =
      """
      "bands": [{"name": "cold", "min_score": 0}, {"name": "warm", "min_score": 21},
                {"name": "hot", "min_score": 80}]
      """;
  private static final String TITLE =
      """
      {"id": "title", "type": "attribute", "dimension": "fit",
       "config": {"attribute": "job_title", "cases": [{"contains": ["vp"], "points": 20}]}}
      """;

  @Test
  void compile_validModel_exposesDimensionsAndExpectedAttributes() {
    CompiledModel model =
        Engines.compile(
            """
            {"name": "m", "criteria": [%s,
               {"id": "size", "type": "attribute", "dimension": "fit",
                "config": {"attribute": "company_size", "cases": [{"min": 100, "points": 5}]}},
               {"id": "opens", "type": "event_count", "dimension": "engagement",
                "config": {"event_types": ["email_open"], "points_per_event": 5}}],
             %s}
            """
                .formatted(TITLE, BANDS));

    assertThat(model.name()).isEqualTo("m");
    assertThat(model.dimensionNames()).containsExactly("fit", "engagement");
    assertThat(model.expectedAttributes()).containsOnlyKeys("job_title", "company_size");
    assertThat(model.expectedAttributes().get("company_size").type())
        .isEqualTo(dev.leadscore.api.AttributeType.NUMBER);
  }

  static Stream<Arguments> invalidModels() {
    return Stream.of(
        Arguments.of(
            "structure",
            """
            {"name": "Bad Name", "scale": {"min": 10, "max": 5},
             "criteria": [%s, %s,
               {"id": "x", "type": "no_such_type", "dimension": "fit"},
               {"id": "y", "type": "attribute",
                "config": {"attribute": "a", "cases": [{"present": true, "points": 1}]},
                "cap": {"min": 5, "max": 1}}],
             "dimension_caps": {"engagement": {"max": 10}},
             "bands": [{"name": "cold", "min_score": 3}, {"name": "hot", "min_score": 1}]}
            """
                .formatted(TITLE, TITLE),
            Map.of(
                "name", "\"Bad Name\"",
                "scale", "expected: min < max",
                "criteria[1].id", "also the id of criteria[0]",
                "criteria[2].type", "expected one of: attribute, event_count, recency",
                "criteria[3].dimension", "missing",
                "criteria[3].cap", "expected: min <= max",
                "dimension_caps.engagement", "no criterion has this dimension",
                "bands[0].min_score", "the scale's minimum",
                "bands[1].min_score", "more than the previous band's")),
        Arguments.of(
            "rules",
            """
            {"name": "m", "criteria": [%s], %s,
             "rules": [
               {"id": "a", "when": "score >", "force_band": "hot"},
               {"id": "b", "when": "nope > 1", "add_points": 5},
               {"id": "c", "when": "score + 1.0", "add_points": 5},
               {"id": "d", "force_band": "scorching"},
               {"id": "e", "block_band": "cold"},
               {"id": "a"}]}
            """
                .formatted(TITLE, BANDS),
            Map.of(
                "rules[0].when", "",
                "rules[1].when", "nope",
                "rules[2].when", "boolean",
                "rules[3].force_band", "expected one of: cold, warm, hot",
                "rules[4].block_band", "lowest band",
                "rules[5].id", "used twice",
                "rules[5]", "no action")),
        Arguments.of(
            "plugin config",
            """
            {"name": "m", "criteria": [
               {"id": "t", "type": "attribute", "dimension": "fit",
                "config": {"attribute": "job_title",
                           "cases": [{"contains": ["vp"], "points": "lots"}, {"points": 3}]}},
               {"id": "o", "type": "event_count", "dimension": "engagement",
                "config": {"points_per_event": 5, "colour": "red"}}],
             %s}
            """
                .formatted(BANDS),
            Map.of(
                "criteria[0].config.cases[0].points", "expected: a number",
                "criteria[0].config.cases[1]", "",
                "criteria[1].config.event_types", "expected",
                "criteria[1].config.colour", "unknown field")),
        Arguments.of(
            "attribute read as two types",
            """
            {"name": "m", "criteria": [
               {"id": "s1", "type": "attribute", "dimension": "fit",
                "config": {"attribute": "size", "cases": [{"min": 10, "points": 1}]}},
               {"id": "s2", "type": "attribute", "dimension": "fit",
                "config": {"attribute": "size", "cases": [{"equals": "large", "points": 1}]}}],
             %s}
            """
                .formatted(BANDS),
            Map.of("criteria[1]", "but criterion s1 reads it as a number")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidModels")
  void compile_invalidModel_listsEveryProblemWithItsPath(
      String title, String json, Map<String, String> expected) {
    assertThatThrownBy(() -> Engines.compile(json))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScoringErrorCode.INVALID_MODEL);
              Map<String, String> actual =
                  e.violations().stream()
                      .collect(
                          Collectors.toMap(
                              FieldViolation::field,
                              FieldViolation::description,
                              (a, b) -> a + " | " + b));
              assertThat(actual).as(e.getMessage()).containsOnlyKeys(expected.keySet());
              expected.forEach(
                  (field, fragment) -> assertThat(actual.get(field)).as(field).contains(fragment));
            });
  }

  @Test
  void compile_shortSubstringNeedles_validWithAWarningPerNeedle() {
    CompiledModel model =
        Engines.compile(
            """
            {"name": "m", "criteria": [
               {"id": "title", "type": "attribute", "dimension": "fit",
                "config": {"attribute": "job_title", "cases": [
                  {"words": ["intern"], "points": -15},
                  {"contains": ["chief"], "points": 30},
                  {"contains": ["chief", "CTO", "vice president", "coo"], "points": 20},
                  {"words": ["cto", "vp"], "points": 20}]}}],
             %s}
            """
                .formatted(BANDS));

    assertThat(model.warnings())
        .extracting(FieldViolation::toString)
        .containsExactly(
            "criteria[0].config.cases[2].contains[1]: \"cto\" is 3 letters and matches inside"
                + " words such as \"director\" (expected: a word match, \"words\": [\"cto\"])",
            "criteria[0].config.cases[2].contains[3]: \"coo\" is 3 letters and matches inside"
                + " words such as \"coordinator\" (expected: a word match, \"words\": [\"coo\"])");
  }

  @Test
  void diagnose_invalidModelWithShortNeedle_listsProblemsAndWarningsWithoutThrowing() {
    ModelDiagnostics diagnostics =
        Engines.compiler()
            .diagnose(
                ModelDocuments.parse(
                    """
                    {"name": "m", "criteria": [
                       {"id": "title", "type": "attribute", "dimension": "fit",
                        "config": {"attribute": "job_title",
                                   "cases": [{"contains": ["vp"], "points": "lots"}]}}],
                     "bands": []}
                    """,
                    "test"));

    assertThat(diagnostics.valid()).isFalse();
    assertThat(diagnostics.violations())
        .extracting(FieldViolation::field)
        .containsExactlyInAnyOrder("criteria[0].config.cases[0].points", "bands");
    assertThat(diagnostics.warnings())
        .extracting(FieldViolation::field)
        .containsExactly("criteria[0].config.cases[0].contains[0]");
    assertThat(Engines.compiler().diagnose(ModelDocuments.parse(validModel(), "test")))
        .isEqualTo(new ModelDiagnostics(ImmutableList.of(), ImmutableList.of()));
  }

  private static String validModel() {
    return """
        {"name": "m", "criteria": [
           {"id": "title", "type": "attribute", "dimension": "fit",
            "config": {"attribute": "job_title", "cases": [{"words": ["vp"], "points": 20}]}}],
         %s}
        """
        .formatted(BANDS);
  }

  @Test
  void compile_factoryReturnsNull_failsNamingThePlugin() {
    CriterionFactory broken =
        new CriterionFactory() {
          @Override
          public String type() {
            return "broken";
          }

          @Override
          public Criterion create(CriterionConfig config, CriterionContext context) {
            return null;
          }
        };
    ModelCompiler compiler =
        new ModelCompiler(
            CriterionRegistry.of(List.of(broken)), RuleConditions.create(), ModelLimits.defaults());
    ScoringModel model =
        ModelDocuments.parse(
            """
            {"name": "m", "criteria": [{"id": "b", "type": "broken", "dimension": "fit"}], %s}
            """
                .formatted(BANDS),
            "m.json");

    assertThatThrownBy(() -> compiler.compile(model, 1))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new FieldViolation(
                            "criteria[0].config",
                            "the broken plugin failed: returned null (expected: a criterion)")));
  }

  @Test
  void parse_unknownField_isRefusedNamingIt() {
    assertThatThrownBy(() -> ModelDocuments.parse("{\"name\": \"m\", \"critera\": []}", "m.json"))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScoringErrorCode.INVALID_MODEL);
              assertThat(e.getMessage()).contains("m.json").contains("critera");
            });
  }
}
