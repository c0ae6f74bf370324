package dev.leadscore.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import dev.leadscore.testing.Criteria;
import dev.leadscore.testing.FakeLeadView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecencyCriterionTest {

  private static final RecencyCriterionFactory FACTORY = new RecencyCriterionFactory();
  private static final Instant AS_OF = FakeLeadView.Builder.DEFAULT_AS_OF;
  private static final Map<String, Object> CONFIG =
      Map.of(
          "event_types", List.of("page_view", "email_click"),
          "cases",
              List.of(
                  Map.of("within_days", 7.0, "points", 10.0),
                  Map.of("within_days", 30.0, "points", 5.0),
                  Map.of("older_than_days", 90.0, "points", -10.0)));

  private static Instant daysAgo(double days) {
    return AS_OF.minusMillis(Math.round(days * 86_400_000L));
  }

  private static CriterionResult evaluate(Criterion criterion, LeadView lead) {
    CriterionResult result = criterion.evaluate(lead);
    assertThat(criterion.points(lead)).isEqualTo(result.points());
    return result;
  }

  @Test
  void evaluate_viewThreeDaysAgo_takesFirstCase() {
    LeadView lead =
        FakeLeadView.builder()
            .event("page_view", daysAgo(20))
            .event("page_view", daysAgo(3.5))
            .event("email_click", daysAgo(10))
            .build();

    assertThat(evaluate(Criteria.create(FACTORY, CONFIG), lead))
        .isEqualTo(new CriterionResult(10, "last page_view 3 days ago (+10)"));
  }

  @Test
  void evaluate_typesEquallyLate_namesFirstSent() {
    LeadView lead =
        FakeLeadView.builder()
            .event("email_click", daysAgo(2))
            .event("page_view", daysAgo(2))
            .build();

    assertThat(evaluate(Criteria.create(FACTORY, CONFIG), lead))
        .isEqualTo(new CriterionResult(10, "last email_click 2 days ago (+10)"));
  }

  @Test
  void evaluate_ageOnCaseLimit_matchesWithinCase() {
    Criterion criterion = Criteria.create(FACTORY, CONFIG);

    assertThat(evaluate(criterion, FakeLeadView.builder().event("page_view", daysAgo(7.9)).build()))
        .isEqualTo(new CriterionResult(10, "last page_view 7 days ago (+10)"));
    assertThat(evaluate(criterion, FakeLeadView.builder().event("page_view", daysAgo(8)).build()))
        .isEqualTo(new CriterionResult(5, "last page_view 8 days ago (+5)"));
  }

  @Test
  void evaluate_oldClick_givesPenalty() {
    LeadView lead = FakeLeadView.builder().event("email_click", daysAgo(120)).build();

    assertThat(evaluate(Criteria.create(FACTORY, CONFIG), lead))
        .isEqualTo(new CriterionResult(-10, "last email_click 120 days ago (-10)"));
  }

  @Test
  void evaluate_ageBetweenCases_givesNoPoints() {
    LeadView lead = FakeLeadView.builder().event("email_click", daysAgo(90.5)).build();

    assertThat(evaluate(Criteria.create(FACTORY, CONFIG), lead))
        .isEqualTo(new CriterionResult(0, "last email_click 90 days ago (+0)"));
  }

  @Test
  void evaluate_onlyFutureOrOtherEvents_givesNeverPoints() {
    Criterion criterion =
        Criteria.create(
            FACTORY,
            Map.of(
                "event_types", List.of("page_view", "email_click"),
                "cases", List.of(Map.of("within_days", 7.0, "points", 10.0)),
                "never_points", -3.0));
    LeadView lead =
        FakeLeadView.builder()
            .event("page_view", AS_OF.plusMillis(1))
            .event("form_submit", daysAgo(1))
            .build();

    assertThat(evaluate(criterion, lead))
        .isEqualTo(new CriterionResult(-3, "no page_view, email_click yet (-3)"));
    assertThat(evaluate(Criteria.create(FACTORY, CONFIG), lead))
        .isEqualTo(new CriterionResult(0, "no page_view, email_click yet (+0)"));
  }

  @Test
  void evaluate_eventAtClock_isZeroDaysOld() {
    LeadView lead = FakeLeadView.builder().event("page_view", AS_OF).build();

    assertThat(evaluate(Criteria.create(FACTORY, CONFIG), lead).reason())
        .isEqualTo("last page_view 0 days ago (+10)");
  }

  @Test
  void create_badCases_reportsEveryProblem() {
    assertThat(
            Criteria.problems(
                FACTORY,
                Map.of(
                    "event_types", List.of("page_view"),
                    "cases",
                        List.of(
                            Map.of("points", 10.0),
                            Map.of("within_days", 7.0, "older_than_days", 9.0, "points", 1.0),
                            Map.of("within_days", -1.0, "points", "ten")),
                    "never_points", "none")))
        .containsExactly(
            "criteria[0].config.never_points: \"none\" (expected: a number)",
            "criteria[0].config.cases[0]: no condition (expected: exactly one of within_days,"
                + " older_than_days)",
            "criteria[0].config.cases[1]: both within_days and older_than_days (expected: exactly"
                + " one of within_days, older_than_days)",
            "criteria[0].config.cases[2].points: \"ten\" (expected: a number)",
            "criteria[0].config.cases[2].within_days: -1 (expected: >= 0)");
  }

  @Test
  void create_unknownAndMissingFields_reportsEach() {
    assertThat(Criteria.problems(FACTORY, Map.of("event_type", "page_view")))
        .containsExactly(
            "criteria[0].config.event_type: unknown field (expected one of: cases, event_types,"
                + " never_points)",
            "criteria[0].config.event_types: missing (expected: a non-empty list of strings)",
            "criteria[0].config.cases: missing (expected: a non-empty list of objects)");
  }

  @Test
  void evaluate_sameAgeOfEachTypeForManyLeads_namesEachLeadsType() {
    Criterion criterion = Criteria.create(FACTORY, CONFIG);
    long beyondKept = RecencyCriterion.KEPT_DAYS + 2;

    for (int round = 0; round < 2; round++) {
      for (String type : List.of("page_view", "email_click")) {
        LeadView recent = FakeLeadView.builder().event(type, daysAgo(3.5)).build();
        LeadView old = FakeLeadView.builder().event(type, daysAgo(beyondKept + 0.5)).build();
        LeadView yesterday = FakeLeadView.builder().event(type, daysAgo(1.5)).build();

        assertThat(evaluate(criterion, recent))
            .isEqualTo(new CriterionResult(10, "last " + type + " 3 days ago (+10)"));
        assertThat(evaluate(criterion, old))
            .isEqualTo(
                new CriterionResult(-10, "last " + type + " " + beyondKept + " days ago (-10)"));
        assertThat(evaluate(criterion, yesterday))
            .isEqualTo(new CriterionResult(10, "last " + type + " 1 day ago (+10)"));
      }
    }
  }

  @Test
  void evaluate_typeBeyondTheKeptTypes_namesItsTypeEveryTime() {
    List<String> types = new ArrayList<>();
    for (int i = 0; i < RecencyCriterion.KEPT_TYPES + 2; i++) {
      types.add("type_" + i);
    }
    Criterion criterion =
        Criteria.create(
            FACTORY,
            Map.of(
                "event_types",
                types,
                "cases",
                List.of(Map.of("within_days", 7.0, "points", 10.0))));

    for (String type : List.of(types.get(types.size() - 1), types.get(0), types.get(9))) {
      for (int round = 0; round < 2; round++) {
        LeadView lead = FakeLeadView.builder().event(type, daysAgo(2.5)).build();

        assertThat(evaluate(criterion, lead))
            .isEqualTo(new CriterionResult(10, "last " + type + " 2 days ago (+10)"));
      }
    }
  }
}
