package dev.leadscore.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.testing.Criteria;
import dev.leadscore.testing.FakeLeadView;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BuiltinCriteriaPluginTest {

  /** A valid and an invalid configuration of one type, with the problem the invalid one gives. */
  private record Sample(Map<String, ?> valid, Map<String, ?> invalid, String problem) {}

  private static final Map<String, Sample> SAMPLES =
      Map.of(
          "attribute",
          new Sample(
              Map.of(
                  "attribute",
                  "job_title",
                  "cases",
                  List.of(Map.of("contains", List.of("vp"), "points", 20.0))),
              Map.of("attribute", "job_title", "cases", List.of(Map.of("points", 20.0))),
              "criteria[0].config.cases[0]: no matcher (expected: exactly one of equals, one_of,"
                  + " contains, words, min/max, present, missing)"),
          "event_count",
          new Sample(
              Map.of("event_types", List.of("email_open"), "points_per_event", 5.0),
              Map.of("event_types", List.of("email_open"), "points_per_event", 0.0),
              "criteria[0].config.points_per_event: 0 (expected: a non-zero number)"),
          "recency",
          new Sample(
              Map.of(
                  "event_types", List.of("page_view"),
                  "cases", List.of(Map.of("within_days", 7.0, "points", 10.0))),
              Map.of("event_types", List.of("page_view"), "cases", List.of()),
              "criteria[0].config.cases: a list (expected: a non-empty list of objects)"));

  private static List<CriterionFactory> loadFactories() {
    List<CriteriaPlugin> plugins =
        ServiceLoader.load(CriteriaPlugin.class, CriteriaPlugin.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .filter(BuiltinCriteriaPlugin.class::isInstance)
            .toList();
    assertThat(plugins).hasSize(1);
    return plugins.get(0).criterionFactories();
  }

  @Test
  void serviceLoader_findsPlugin_withThreeTypes() {
    assertThat(loadFactories())
        .extracting(CriterionFactory::type)
        .containsExactly("attribute", "event_count", "recency");
  }

  @Test
  void create_everyFactory_acceptsValidAndReportsInvalidConfig() {
    for (CriterionFactory factory : loadFactories()) {
      Sample sample = SAMPLES.get(factory.type());

      assertThat(Criteria.create(factory, sample.valid()).evaluate(FakeLeadView.builder().build()))
          .isNotNull();
      assertThat(Criteria.problems(factory, sample.invalid())).containsExactly(sample.problem());
    }
  }

  @Test
  void factories_describeThemselves() {
    for (CriterionFactory factory : loadFactories()) {
      assertThat(factory.type()).matches("[a-z0-9_]+");
      assertThat(factory.description()).isNotBlank();
      assertThat(factory.configFields()).isNotEmpty();
    }
  }
}
