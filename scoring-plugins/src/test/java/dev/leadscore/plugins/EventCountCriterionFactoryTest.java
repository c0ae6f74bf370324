package dev.leadscore.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.testing.Criteria;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCountCriterionFactoryTest {

  private static final EventCountCriterionFactory FACTORY = new EventCountCriterionFactory();

  @Test
  void create_everyFieldBad_reportsEveryProblem() {
    assertThat(
            Criteria.problems(
                FACTORY,
                Map.of(
                    "event_types", List.of("email_open", ""),
                    "points_per_event", 0.0,
                    "window_days", 0.0,
                    "max_count", 2.5,
                    "half_life_days", -1.0,
                    "max_points", "many",
                    "where", Map.of("asset", 3.0),
                    "windowdays", 30.0)))
        .containsExactlyInAnyOrder(
            "criteria[0].config.windowdays: unknown field (expected one of: event_types,"
                + " half_life_days, max_count, max_points, min_points, points_per_event,"
                + " where, window_days)",
            "criteria[0].config.event_types[1]: empty string (expected: a non-empty string)",
            "criteria[0].config.points_per_event: 0 (expected: a non-zero number)",
            "criteria[0].config.window_days: 0 (expected: > 0)",
            "criteria[0].config.max_count: 2.5 (expected: an integer >= 1)",
            "criteria[0].config.half_life_days: -1 (expected: > 0)",
            "criteria[0].config.max_points: \"many\" (expected: a number)",
            "criteria[0].config.where.asset: 3 (expected: a non-empty string)");
  }

  @Test
  void create_missingRequiredFields_reportsBoth() {
    assertThat(Criteria.problems(FACTORY, Map.of()))
        .containsExactly(
            "criteria[0].config.event_types: missing (expected: a non-empty list of strings)",
            "criteria[0].config.points_per_event: missing (expected: a number)");
  }

  @Test
  void create_capOnWrongSide_pointsToTheOtherCap() {
    assertThat(
            Criteria.problems(
                FACTORY,
                Map.of("event_types", List.of("a"), "points_per_event", -2.0, "max_points", 25.0)))
        .containsExactly(
            "criteria[0].config.max_points: 25 (expected: min_points, as points_per_event is"
                + " negative)");
    assertThat(
            Criteria.problems(
                FACTORY,
                Map.of("event_types", List.of("a"), "points_per_event", 2.0, "min_points", -5.0)))
        .containsExactly(
            "criteria[0].config.min_points: -5 (expected: max_points, as points_per_event is"
                + " positive)");
    assertThat(
            Criteria.problems(
                FACTORY,
                Map.of("event_types", List.of("a"), "points_per_event", -2.0, "min_points", 5.0)))
        .containsExactly("criteria[0].config.min_points: 5 (expected: < 0)");
  }

  @Test
  void create_maxCountBelowOne_reportsIt() {
    assertThat(
            Criteria.problems(
                FACTORY,
                Map.of("event_types", List.of("a"), "points_per_event", 1.0, "max_count", 0.0)))
        .containsExactly("criteria[0].config.max_count: 0 (expected: an integer >= 1)");
  }
}
