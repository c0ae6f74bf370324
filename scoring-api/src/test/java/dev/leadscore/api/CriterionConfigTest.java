package dev.leadscore.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CriterionConfigTest {

  @Test
  void warning_fromNestedObjects_collectedWithPathsApartFromProblems() {
    CriterionConfig config =
        CriterionConfig.of(
            "criteria[0].config",
            Map.of("cases", List.of(Map.of("contains", List.of("vp")), Map.of("points", "x"))));
    List<CriterionConfig> cases = config.objectList("cases");

    cases.get(0).warning("contains[0]", "\"vp\" is short");
    cases.get(1).number("points");
    config.warning("doubtful as a whole");

    assertThat(config.warnings())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "criteria[0].config.cases[0].contains[0]: \"vp\" is short",
            "criteria[0].config: doubtful as a whole");
    assertThat(cases.get(1).warnings()).isEqualTo(config.warnings());
    assertThat(config.problems())
        .extracting(ConfigProblem::toString)
        .containsExactly("criteria[0].config.cases[1].points: \"x\" (expected: a number)");
  }
}
