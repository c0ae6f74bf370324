package dev.leadscore.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading model files: every problem at once, with its path, in the user's terms. */
class ModelDocumentsTest {

  private static List<String> problems(String json) {
    try {
      ModelDocuments.parse(json, "m.json");
    } catch (ScoringException e) {
      assertThat(e.code()).isEqualTo(ScoringErrorCode.INVALID_MODEL);
      assertThat(e.getMessage()).startsWith("m.json is not a valid model document");
      return e.violations().stream().map(FieldViolation::toString).toList();
    }
    throw new AssertionError("parsed: " + json);
  }

  @Test
  void parse_severalUnknownAndIllTypedFields_listsEveryOneWithItsPath() {
    List<String> problems =
        problems(
            """
            {"name": "m", "critera": [],
             "scale": {"min": 0, "max": "lots"},
             "criteria": [
               {"id": "a", "type": "attribute", "wieght": 3, "config": {"attribute": "x"}},
               {"id": "b", "type": "attribute", "config": ["not", "an", "object"]}],
             "bands": [{"name": "cold", "min_score": 0}, {"name": 7, "minScore": true}],
             "dimension_caps": {"fit": {"max": "forty"}},
             "rules": [{"id": "r", "when": "true", "add_points": 5, "force_band": "hot"}]}
            """);

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "critera: unknown field (expected one of: name, description, scale, criteria,"
                + " dimension_caps, bands, rules, grade, account)",
            "scale.max: \"lots\" (expected: a number)",
            "criteria[0].wieght: unknown field (expected one of: id, type, dimension, config, cap,"
                + " description)",
            "criteria[1].config: an array (expected: an object)",
            "bands[1].name: 7 (expected: a string)",
            "bands[1].minScore: true (expected: a number)",
            "dimension_caps.fit.max: \"forty\" (expected: a number)",
            "rules[0].force_band: set together with add_points (expected: one of add_points,"
                + " force_band, block_band)");
  }

  @Test
  void parse_brokenSyntax_namesLineAndColumnWithoutJavaNames() {
    List<String> problems = problems("{\"name\": \"m\",\n \"criteria\": [}\n");

    assertThat(problems).containsExactly("not valid JSON at line 2, column 15");
  }

  @Test
  void parse_truncatedDocument_saysItEndsTooEarly() {
    assertThat(problems("{\"name\": \"m\", \"bands\": ["))
        .singleElement()
        .asString()
        .startsWith("not valid JSON: the document ends too early")
        .doesNotContain("Exception");
  }

  @Test
  void parse_notAnObject_saysWhatWasExpected() {
    assertThat(problems("[1, 2]")).containsExactly("an array (expected: an object)");
  }

  @Test
  void parse_problemOnlyTheParserSees_reportsItWithoutJavaNames() {
    // A double out of range has the right shape; JsonFormat still refuses it.
    List<String> problems = problems("{\"name\": \"m\", \"scale\": {\"max\": 1e999}}");

    assertThat(problems)
        .singleElement()
        .asString()
        .contains("1e999")
        .doesNotContain("Exception")
        .doesNotContain("com.google");
  }

  @Test
  void parse_validDocumentWithJsonNamesAndNulls_isAccepted() {
    assertThat(
            ModelDocuments.parse(
                    """
                    {"name": "m", "description": null,
                     "bands": [{"name": "cold", "minScore": "0"}, {"name": "hot", "min_score": 50}],
                     "rules": [{"id": "r", "when": "true", "addPoints": 5, "force_band": null}]}
                    """,
                    "m.json")
                .getBandsCount())
        .isEqualTo(2);
  }

  @Test
  void parse_unknownField_isRefusedNamingItAndTheSource() {
    assertThatThrownBy(() -> ModelDocuments.parse("{\"name\": \"m\", \"critera\": []}", "m.json"))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> assertThat(e.getMessage()).contains("m.json").contains("critera"));
  }
}
