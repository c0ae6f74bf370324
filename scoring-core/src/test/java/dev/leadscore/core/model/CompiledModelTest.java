package dev.leadscore.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The engine's arithmetic: caps, dimension caps, clamping, bands and each rule action. */
class CompiledModelTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final String BANDS =
      """
      "bands": [{"name": "cold", "min_score": 0}, {"name": "warm", "min_score": 21},
                {"name": "hot", "min_score": 80}]
      """;
  private static final String CRITERIA =
      """
      "criteria": [
        {"id": "title", "type": "attribute", "dimension": "fit",
         "config": {"attribute": "job_title",
                    "cases": [{"contains": ["vp"], "points": 40}, {"contains": ["student"], "points": -30}]},
         "cap": {"max": 30}},
        {"id": "size", "type": "attribute", "dimension": "fit",
         "config": {"attribute": "company_size", "cases": [{"min": 100, "points": 25}]}},
        {"id": "opens", "type": "event_count", "dimension": "engagement",
         "config": {"event_types": ["email_open"], "points_per_event": 5}},
        {"id": "unsub", "type": "event_count", "dimension": "engagement",
         "config": {"event_types": ["unsubscribe"], "points_per_event": -40, "min_points": -40}}]
      """;

  private static CompiledModel model(String extra) {
    return Engines.compile("{\"name\": \"m\", " + CRITERIA + ", " + BANDS + extra + "}");
  }

  private static ScoreResult score(CompiledModel model, Lead lead) {
    return model.score(new ProtoLeadView(lead, NOW.toEpochMilli()), true);
  }

  private static Lead lead(String title, double size, int opens, String... otherEvents) {
    Lead.Builder lead =
        Lead.newBuilder()
            .setId("l")
            .putAttributes("job_title", Value.newBuilder().setStringValue(title).build())
            .putAttributes("company_size", Value.newBuilder().setNumberValue(size).build());
    for (int i = 0; i < opens; i++) {
      lead.addEvents(event("email_open"));
    }
    for (String type : otherEvents) {
      lead.addEvents(event(type));
    }
    return lead.build();
  }

  private static LeadEvent event(String type) {
    return LeadEvent.newBuilder()
        .setType(type)
        .setTime(Timestamps.fromMillis(NOW.minus(Duration.ofDays(1)).toEpochMilli()))
        .build();
  }

  @Test
  void score_criterionAboveItsCap_isCappedAndSaysSo() {
    ScoreResult result = score(model(""), lead("VP Sales", 10, 0));

    Contribution title = result.contributions().get(0);
    assertThat(title.points()).isEqualTo(30);
    assertThat(title.reason()).endsWith("(capped at 30)");
    assertThat(result.score()).isEqualTo(30);
    assertThat(result.band()).isEqualTo("warm");
  }

  @Test
  void score_dimensionAboveItsCap_isBoundedBeforeTheTotal() {
    CompiledModel model = model(", \"dimension_caps\": {\"fit\": {\"max\": 40}}");

    ScoreResult result = score(model, lead("VP", 500, 2));

    assertThat(result.dimensionNames()).containsExactly("fit", "engagement");
    assertThat(result.dimensionPoints(0)).isEqualTo(40);
    assertThat(result.dimensionPoints(1)).isEqualTo(10);
    assertThat(result.score()).isEqualTo(50);
  }

  @Test
  void score_negativeTotal_isClampedToTheScaleMinimum() {
    ScoreResult result = score(model(""), lead("Student", 10, 0, "unsubscribe"));

    assertThat(result.contributions())
        .extracting(Contribution::points)
        .containsExactly(-30.0, 0.0, 0.0, -40.0);
    assertThat(result.score()).isZero();
    assertThat(result.band()).isEqualTo("cold");
  }

  @Test
  void score_totalAboveScale_isClampedToTheMaximum() {
    ScoreResult result = score(model(""), lead("VP", 500, 20));

    assertThat(result.score()).isEqualTo(100);
    assertThat(result.band()).isEqualTo("hot");
  }

  @Test
  void score_addPointsRule_addsBeforeBanding() {
    CompiledModel model =
        model(
            """
            , "rules": [{"id": "big_company_bonus", "when": "attributes.company_size >= 1000.0",
                          "add_points": 60}]
            """);

    ScoreResult result = score(model, lead("VP", 5000, 0));

    assertThat(result.score()).isEqualTo(100);
    assertThat(result.scoreBand()).isEqualTo("hot");
    assertThat(result.firedRules()).containsExactly("big_company_bonus");
  }

  @Test
  void score_forceBandRule_movesTheBandButNotTheScore() {
    CompiledModel model =
        model(
            """
            , "rules": [{"id": "demo_is_hot", "when": "count('demo_request') > 0", "force_band": "hot"},
                        {"id": "never", "when": "false", "force_band": "cold"}]
            """);

    ScoreResult result = score(model, lead("Student", 10, 1, "demo_request"));

    assertThat(result.score()).isEqualTo(0);
    assertThat(result.scoreBand()).isEqualTo("cold");
    assertThat(result.band()).isEqualTo("hot");
    assertThat(result.firedRules()).containsExactly("demo_is_hot");
  }

  @Test
  void score_blockBandRule_placesLeadInTheBandBelow() {
    CompiledModel model =
        model(
            """
            , "rules": [{"id": "hot_needs_email", "when": "!has(attributes.email)", "block_band": "hot"}]
            """);
    Lead noEmail = lead("VP", 500, 8);
    Lead withEmail =
        noEmail.toBuilder()
            .putAttributes("email", Value.newBuilder().setStringValue("a@b.com").build())
            .build();

    ScoreResult blocked = score(model, noEmail);
    ScoreResult allowed = score(model, withEmail);

    assertThat(blocked.scoreBand()).isEqualTo("hot");
    assertThat(blocked.band()).isEqualTo("warm");
    assertThat(blocked.firedRules()).containsExactly("hot_needs_email");
    assertThat(allowed.band()).isEqualTo("hot");
    assertThat(allowed.firedRules()).isEmpty();
  }

  @Test
  void score_ruleReadingAbsentKey_failsNamingTheRule() {
    CompiledModel model =
        model(
            """
            , "rules": [{"id": "country_bonus", "when": "attributes.country == 'India'", "add_points": 5}]
            """);

    assertThatThrownBy(() -> score(model, lead("VP", 500, 0)))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScoringErrorCode.RULE_FAILED);
              assertThat(e.getMessage()).contains("rules[0]").contains("country");
            });
  }

  @Test
  void score_withoutExplanation_sameScoreAndNoContributions() {
    CompiledModel model = model("");
    Lead lead = lead("VP", 500, 3);

    ScoreResult explained = score(model, lead);
    ScoreResult bare = model.score(new ProtoLeadView(lead, NOW.toEpochMilli()), false);

    assertThat(bare.contributions()).isEmpty();
    assertThat(bare.score()).isEqualTo(explained.score());
    assertThat(bare.band()).isEqualTo(explained.band());
  }
}
