package dev.leadscore.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.api.ConfigProblem;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import java.util.List;
import java.util.Map;

/** Creates criteria the way model compilation does, at {@code criteria[0].config}. */
final class Factories {

  static final String PATH = "criteria[0].config";
  static final CriterionContext CONTEXT = new CriterionContext("test-model", "c0", "fit");

  private Factories() {}

  /** A criterion from a valid configuration; fails the test if any problem is reported. */
  static Criterion create(CriterionFactory factory, Map<String, ?> config) {
    CriterionConfig criterionConfig = CriterionConfig.of(PATH, config);
    Criterion criterion = factory.create(criterionConfig, CONTEXT);
    assertThat(criterionConfig.problems()).isEmpty();
    return criterion;
  }

  /** The problems of a configuration, each as {@code path: message}. */
  static List<String> problems(CriterionFactory factory, Map<String, ?> config) {
    CriterionConfig criterionConfig = CriterionConfig.of(PATH, config);
    factory.create(criterionConfig, CONTEXT);
    return criterionConfig.problems().stream().map(ConfigProblem::toString).toList();
  }

  /** The warnings of a configuration, each as {@code path: message}. */
  static List<String> warnings(CriterionFactory factory, Map<String, ?> config) {
    CriterionConfig criterionConfig = CriterionConfig.of(PATH, config);
    factory.create(criterionConfig, CONTEXT);
    return criterionConfig.warnings().stream().map(ConfigProblem::toString).toList();
  }
}
