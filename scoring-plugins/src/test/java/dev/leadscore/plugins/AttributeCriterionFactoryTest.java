package dev.leadscore.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.testing.Criteria;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeCriterionFactoryTest {

  private static final AttributeCriterionFactory FACTORY = new AttributeCriterionFactory();

  private static List<String> problems(Map<?, ?>... cases) {
    return Criteria.problems(FACTORY, Map.of("attribute", "job_title", "cases", List.of(cases)));
  }

  @Test
  void create_twoBadCases_reportsBoth() {
    assertThat(problems(Map.of("min", 10.0, "points", "abc"), Map.of("min", "abc", "points", 5.0)))
        .containsExactly(
            "criteria[0].config.cases[0].points: \"abc\" (expected: a number)",
            "criteria[0].config.cases[1].min: \"abc\" (expected: a number)");
  }

  @Test
  void create_caseWithoutMatcher_namesCase() {
    assertThat(problems(Map.of("points", 5.0)))
        .containsExactly(
            "criteria[0].config.cases[0]: no matcher (expected: exactly one of equals, one_of,"
                + " contains, words, min/max, present, missing)");
  }

  @Test
  void create_caseWithTwoMatchers_namesCaseAndMatchers() {
    assertThat(problems(Map.of("equals", "CEO", "contains", List.of("vp"), "points", 5.0)))
        .containsExactly(
            "criteria[0].config.cases[0]: 2 matchers: equals, contains (expected: exactly one of"
                + " equals, one_of, contains, words, min/max, present, missing)");
  }

  @Test
  void create_minNotBelowMax_reportsMax() {
    assertThat(problems(Map.of("min", 1000.0, "max", 200.0, "points", 5.0)))
        .containsExactly("criteria[0].config.cases[0].max: 200 (expected: greater than min, 1000)");
  }

  @Test
  void create_rangeAndStringMatchers_reportsMixedTypes() {
    assertThat(
            problems(
                Map.of("min", 10.0, "points", 5.0),
                Map.of("missing", true, "points", 1.0),
                Map.of("one_of", List.of("a"), "points", 5.0)))
        .containsExactly(
            "criteria[0].config.cases[2]: compares a string, but cases[0] compares a number"
                + " (expected: one attribute type in all cases)");
  }

  @Test
  void create_badMatcherValues_reportsEachByPath() {
    assertThat(
            problems(
                Map.of("equals", List.of("x"), "points", 1.0),
                Map.of("contains", List.of("vp", 3.0), "points", 1.0),
                Map.of("one_of", "software", "points", 1.0),
                Map.of("present", false, "points", 1.0)))
        .containsExactly(
            "criteria[0].config.cases[0].equals: a list (expected: a non-empty string, a number or"
                + " a boolean)",
            "criteria[0].config.cases[1].contains[1]: 3 (expected: a non-empty string)",
            "criteria[0].config.cases[2].one_of: \"software\" (expected: a non-empty list of"
                + " strings)",
            "criteria[0].config.cases[3].present: false (expected: true)");
  }

  @Test
  void create_unknownFieldsAndBadMatch_reportsAll() {
    assertThat(
            Criteria.problems(
                FACTORY,
                Map.of(
                    "attribute",
                    "job_title",
                    "match",
                    "all",
                    "cases",
                    List.of(Map.of("contain", List.of("vp"), "points", 1.0)),
                    "weight",
                    2.0)))
        .containsExactlyInAnyOrder(
            "criteria[0].config.weight: unknown field (expected one of: attribute, cases,"
                + " default_points, match)",
            "criteria[0].config.match: \"all\" (expected: \"first\" or \"sum\")",
            "criteria[0].config.cases[0].contain: unknown field (expected one of: contains,"
                + " equals, max, min, missing, one_of, points, present, words)",
            "criteria[0].config.cases[0]: no matcher (expected: exactly one of equals, one_of,"
                + " contains, words, min/max, present, missing)");
  }

  @Test
  void create_shortContainsNeedles_warnsWithExampleAndSuggestion() {
    List<String> warnings =
        Criteria.warnings(
            FACTORY,
            Map.of(
                "attribute",
                "job_title",
                "cases",
                List.of(
                    Map.of("contains", List.of("chief", "CTO", "vp", 7.0, "coo"), "points", 20.0),
                    Map.of("contains", List.of("head of", "b2b", "x"), "points", 1.0))));

    assertThat(warnings)
        .containsExactly(
            "criteria[0].config.cases[0].contains[1]: \"cto\" is 3 letters and matches inside"
                + " words such as \"director\" (expected: a word match, \"words\": [\"cto\"])",
            "criteria[0].config.cases[0].contains[2]: \"vp\" is 2 letters and can match inside"
                + " longer words (expected: a word match, \"words\": [\"vp\"])",
            "criteria[0].config.cases[0].contains[4]: \"coo\" is 3 letters and matches inside"
                + " words such as \"coordinator\" (expected: a word match, \"words\": [\"coo\"])",
            "criteria[0].config.cases[1].contains[1]: \"b2b\" is 3 characters and can match inside"
                + " longer words (expected: a word match, \"words\": [\"b2b\"])",
            "criteria[0].config.cases[1].contains[2]: \"x\" is 1 letter and matches inside words"
                + " such as \"executive\" (expected: a word match, \"words\": [\"x\"])");
  }

  @Test
  void create_shortWordsNeedles_noWarning() {
    assertThat(
            Criteria.warnings(
                FACTORY,
                Map.of(
                    "attribute",
                    "job_title",
                    "cases",
                    List.of(Map.of("words", List.of("cto", "vp", "x"), "points", 20.0)))))
        .isEmpty();
  }

  @Test
  void create_wordsNeedleWithoutLetters_reportsItByPosition() {
    assertThat(
            problems(
                Map.of("words", List.of("vp", "", "&", "c.e.o."), "points", 20.0),
                Map.of("words", List.of(), "points", 1.0)))
        .containsExactly(
            "criteria[0].config.cases[0].words[1]: empty string (expected: a non-empty string)",
            "criteria[0].config.cases[0].words[2]: \"&\" (expected: a word or phrase with at least"
                + " one letter or digit)",
            "criteria[0].config.cases[1].words: a list (expected: a non-empty list of strings)");
  }

  @Test
  void create_emptyConfig_reportsRequiredFields() {
    assertThat(Criteria.problems(FACTORY, Map.of()))
        .containsExactly(
            "criteria[0].config.attribute: missing (expected: a non-empty string)",
            "criteria[0].config.cases: missing (expected: a non-empty list of objects)");
  }

  @Test
  void configFields_describeEveryAllowedField() {
    assertThat(FACTORY.configFields())
        .extracting(field -> field.name())
        .contains("attribute", "match", "default_points", "cases", "cases[].points");
    assertThat(FACTORY.description()).isNotEmpty();
  }
}
