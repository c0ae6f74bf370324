package dev.leadscore.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import dev.leadscore.testing.Criteria;
import dev.leadscore.testing.FakeLeadView;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCountCriterionTest {

  private static final EventCountCriterionFactory FACTORY = new EventCountCriterionFactory();
  private static final Instant AS_OF = FakeLeadView.Builder.DEFAULT_AS_OF;

  private static Instant daysAgo(double days) {
    return AS_OF.minusMillis(Math.round(days * 86_400_000L));
  }

  /** {@code event_types} and {@code points_per_event}, plus the given fields. */
  private static Criterion criterion(List<String> types, double pointsPerEvent, Object... more) {
    Map<String, Object> config = new HashMap<>();
    config.put("event_types", types);
    config.put("points_per_event", pointsPerEvent);
    for (int i = 0; i < more.length; i += 2) {
      config.put((String) more[i], more[i + 1]);
    }
    return Criteria.create(FACTORY, config);
  }

  private static CriterionResult evaluate(Criterion criterion, LeadView lead) {
    CriterionResult result = criterion.evaluate(lead);
    assertThat(criterion.points(lead)).isEqualTo(result.points());
    return result;
  }

  private static FakeLeadView.Builder events(String type, double... ages) {
    FakeLeadView.Builder lead = FakeLeadView.builder();
    for (double age : ages) {
      lead.event(type, daysAgo(age));
    }
    return lead;
  }

  @Test
  void evaluate_threeOpensInWindow_givesFivePointsEach() {
    Criterion criterion = criterion(List.of("email_open"), 5, "window_days", 30.0);
    LeadView lead = events("email_open", 1, 2, 29.5, 31).event("email_click", daysAgo(1)).build();

    assertThat(evaluate(criterion, lead))
        .isEqualTo(new CriterionResult(15, "3 × email_open in 30 days (+15)"));
  }

  @Test
  void evaluate_eventExactlyAtWindowEdge_counts() {
    Criterion criterion = criterion(List.of("email_open"), 5, "window_days", 30.0);
    LeadView lead =
        FakeLeadView.builder()
            .event("email_open", daysAgo(30))
            .event("email_open", daysAgo(30).minusMillis(1))
            .build();

    assertThat(evaluate(criterion, lead).points()).isEqualTo(5);
  }

  @Test
  void evaluate_futureEvents_areIgnored() {
    Criterion criterion = criterion(List.of("email_open"), 5);
    LeadView lead =
        FakeLeadView.builder()
            .event("email_open", AS_OF)
            .event("email_open", AS_OF.plusMillis(1))
            .event("email_open", AS_OF.plus(Duration.ofDays(3)))
            .build();

    assertThat(evaluate(criterion, lead))
        .isEqualTo(new CriterionResult(5, "1 × email_open so far (+5)"));
  }

  @Test
  void evaluate_severalTypes_countsEveryType() {
    Criterion criterion = criterion(List.of("email_open", "email_click"), 5, "window_days", 30.0);
    LeadView lead = events("email_open", 1, 2, 3).event("email_click", daysAgo(4)).build();

    assertThat(evaluate(criterion, lead).reason())
        .isEqualTo("4 × email_open, email_click in 30 days (+20)");
  }

  @Test
  void evaluate_typeListedTwice_countsEachEventOnce() {
    Criterion criterion = criterion(List.of("email_open", "email_open"), 5, "window_days", 30.0);
    LeadView lead = events("email_open", 1, 2).build();

    assertThat(evaluate(criterion, lead))
        .isEqualTo(new CriterionResult(10, "2 × email_open in 30 days (+10)"));
  }

  @Test
  void evaluate_decayedSeveralTypes_weighsEveryEvent() {
    Criterion criterion =
        criterion(List.of("email_click", "email_open"), 10, "half_life_days", 7.0);
    LeadView lead =
        events("email_open", 1, 3)
            .event("email_click", daysAgo(2))
            .event("email_open", daysAgo(5))
            .build();
    double sum = 0;
    for (double age : new double[] {1, 3, 2, 5}) {
      sum += Math.pow(0.5, age / 7);
    }

    assertThat(criterion.points(lead)).isCloseTo(sum * 10, within(1e-9));
  }

  @Test
  void evaluate_noMatchingEvents_givesNoPoints() {
    Criterion criterion = criterion(List.of("email_open"), 5, "window_days", 30.0);

    assertThat(evaluate(criterion, events("email_open", 45).build()))
        .isEqualTo(CriterionResult.none("no email_open in 30 days"));
  }

  @Test
  void evaluate_propertyFilter_countsMatchingEventsOnly() {
    Criterion criterion =
        criterion(
            List.of("content_download"),
            10,
            "window_days",
            90.0,
            "where",
            Map.of("asset", "pricing-guide"));
    LeadView lead =
        FakeLeadView.builder()
            .event("content_download", daysAgo(1), Map.of("asset", "pricing-guide"))
            .event("content_download", daysAgo(2), Map.of("asset", "pricing-guide", "x", "y"))
            .event("content_download", daysAgo(3), Map.of("asset", "ebook"))
            .event("content_download", daysAgo(4))
            .build();

    assertThat(evaluate(criterion, lead))
        .isEqualTo(
            new CriterionResult(
                20, "2 × content_download where asset = \"pricing-guide\" in 90 days (+20)"));
  }

  @Test
  void evaluate_moreEventsThanMaxCount_capsCount() {
    Criterion criterion =
        criterion(List.of("page_view"), 1, "window_days", 30.0, "max_count", 10.0);
    LeadView lead = events("page_view", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12).build();

    assertThat(evaluate(criterion, lead))
        .isEqualTo(new CriterionResult(10, "12 × page_view in 30 days, capped at 10 (+10)"));
  }

  @Test
  void evaluate_pointsAboveMaxPoints_capsPoints() {
    Criterion criterion =
        criterion(List.of("email_open"), 5, "window_days", 30.0, "max_points", 25.0);

    assertThat(evaluate(criterion, events("email_open", 1, 2, 3, 4, 5, 6).build()))
        .isEqualTo(
            new CriterionResult(25, "6 × email_open in 30 days, points capped at +25 (+25)"));
    assertThat(evaluate(criterion, events("email_open", 1, 2).build()).points()).isEqualTo(10);
  }

  @Test
  void evaluate_negativePointsBelowMinPoints_floorsPoints() {
    Criterion criterion = criterion(List.of("unsubscribe"), -3, "min_points", -10.0);

    assertThat(evaluate(criterion, events("unsubscribe", 1, 2, 3, 4, 5).build()))
        .isEqualTo(new CriterionResult(-10, "5 × unsubscribe so far, points capped at -10 (-10)"));
  }

  @Test
  void evaluate_oneEventOneHalfLifeOld_givesHalfThePoints() {
    Criterion criterion = criterion(List.of("email_open"), 10, "half_life_days", 14.0);

    assertThat(evaluate(criterion, events("email_open", 14).build()).points())
        .isCloseTo(5, within(1e-9));
  }

  @Test
  void evaluate_decayedEvents_sumWeightsAndRoundReason() {
    Criterion criterion =
        criterion(List.of("content_download"), 10, "window_days", 90.0, "half_life_days", 14.0);
    CriterionResult result = evaluate(criterion, events("content_download", 0, 14, 29).build());

    double expected = 10 + 5 + 10 * Math.pow(0.5, 29 / 14.0);
    assertThat(result.points()).isCloseTo(expected, within(1e-9));
    assertThat(result.reason())
        .isEqualTo("3 × content_download in 90 days, decayed (half-life 14 d) (+17.4)");
  }

  @Test
  void evaluate_decayWithMaxCount_weighsMostRecentEventsOnly() {
    Criterion criterion =
        criterion(List.of("email_open"), 10, "half_life_days", 14.0, "max_count", 2.0);
    CriterionResult result = evaluate(criterion, events("email_open", 28, 0, 42, 14).build());

    assertThat(result.points()).isCloseTo(15, within(1e-9));
    assertThat(result.reason())
        .isEqualTo("4 × email_open so far, capped at 2, decayed (half-life 14 d) (+15)");
  }

  @Test
  void evaluate_sameCountForManyLeads_eachGetsTheReasonOfItsCount() {
    Criterion criterion =
        criterion(List.of("page_view"), 1, "window_days", 30.0, "max_count", 10.0);
    int beyondKept = EventCountCriterion.KEPT_COUNTS + 1;

    for (int round = 0; round < 2; round++) {
      for (int count : new int[] {1, 2, 12, 2, EventCountCriterion.KEPT_COUNTS, beyondKept}) {
        double[] ages = new double[count];
        for (int i = 0; i < count; i++) {
          ages[i] = (i * 7 + round) % 29;
        }
        String capped = count > 10 ? ", capped at 10" : "";
        double points = Math.min(count, 10);
        assertThat(evaluate(criterion, events("page_view", ages).build()))
            .as("count %d, round %d", count, round)
            .isEqualTo(
                new CriterionResult(
                    points,
                    count + " × page_view in 30 days" + capped + " (+" + (int) points + ")"));
      }
    }
  }

  @Test
  void evaluate_decayedSameCountDifferentAges_reasonsAndPointsDiffer() {
    Criterion criterion = criterion(List.of("email_open"), 10, "half_life_days", 10.0);

    CriterionResult recent = evaluate(criterion, events("email_open", 0, 0).build());
    CriterionResult older = evaluate(criterion, events("email_open", 10, 10).build());

    assertThat(recent.points()).isEqualTo(20);
    assertThat(older.points()).isCloseTo(10, within(1e-9));
    assertThat(recent.reason()).endsWith("(+20)");
    assertThat(older.reason()).endsWith("(+10)");
  }
}
