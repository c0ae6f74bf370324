package dev.leadscore.core.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.NullValue;
import dev.leadscore.api.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleConditionTest {
  private static final RuleConditions CONDITIONS = RuleConditions.create();
  private static final FakeRuleInput LEAD = FakeRuleInput.lead();

  static RuleCondition compile(String expression) {
    List<ConfigProblem> problems = new ArrayList<>();
    RuleCondition condition =
        CONDITIONS.compile(expression, "rules[0].when", problems).orElseThrow();
    assertThat(problems).isEmpty();
    return condition;
  }

  @Test
  void count_absentEventType_isZero() {
    RuleCondition condition = compile("count('demo_request') > 0 || count('purchase') > 0");

    assertThat(condition.test(LEAD)).isFalse();
    assertThat(condition.test(LEAD.withEventCounts(Map.of("purchase", 1L)))).isTrue();
    assertThat(compile("count('purchase') == 0").test(LEAD)).isTrue();
  }

  @Test
  void in_eventCounts_guardsAbsentType() {
    RuleCondition condition = compile("'demo_request' in event_counts");

    assertThat(condition.test(LEAD)).isFalse();
    assertThat(condition.test(LEAD.withEventCounts(Map.of("demo_request", 2L)))).isTrue();
  }

  @Test
  void has_eventCounts_guardsAbsentType() {
    RuleCondition condition = compile("has(event_counts.demo_request)");

    assertThat(condition.test(LEAD)).isFalse();
    assertThat(condition.test(LEAD.withEventCounts(Map.of("demo_request", 2L)))).isTrue();
  }

  @Test
  void index_eventCountsOneSidePresent_errorAbsorbedByOr() {
    RuleCondition condition =
        compile("event_counts['demo_request'] > 0 || event_counts['purchase'] > 0");

    assertThat(condition.test(LEAD.withEventCounts(Map.of("demo_request", 1L)))).isTrue();
    assertThat(condition.test(LEAD.withEventCounts(Map.of("purchase", 1L)))).isTrue();
    assertThatThrownBy(() -> condition.test(LEAD)).isInstanceOf(RuleEvaluationException.class);
  }

  @Test
  void has_absentEmail_holds() {
    RuleCondition condition = compile("!has(attributes.email)");

    assertThat(condition.test(LEAD)).isTrue();
    assertThat(condition.test(LEAD.withAttributes(Map.of("email", "a@b.c")))).isFalse();
  }

  @Test
  void equals_stringAttribute_matchesValue() {
    RuleCondition condition = compile("attributes.country == 'India'");

    assertThat(condition.test(LEAD.withAttributes(Map.of("country", "India")))).isTrue();
    assertThat(condition.test(LEAD.withAttributes(Map.of("country", "Chile")))).isFalse();
  }

  @Test
  void compare_scoreAndDimension_bothChecked() {
    RuleCondition condition = compile("score >= 50.0 && dimensions['fit'] > 20.0");
    FakeRuleInput fit = LEAD.withDimensions(Map.of("fit", 25.0));

    assertThat(condition.test(fit.withScore(50.0, "warm"))).isTrue();
    assertThat(condition.test(fit.withScore(49.5, "cold"))).isFalse();
    assertThat(condition.test(LEAD.withDimensions(Map.of("fit", 20.0)).withScore(60, "warm")))
        .isFalse();
  }

  @Test
  void equals_scoreBand_matchesBand() {
    RuleCondition condition = compile("score_band == 'warm'");

    assertThat(condition.test(LEAD.withScore(55, "warm"))).isTrue();
    assertThat(condition.test(LEAD)).isFalse();
  }

  @Test
  void compare_doubleAttributeWithDoubleOrIntLiteral_works() {
    FakeRuleInput big = LEAD.withAttributes(Map.of("company_size", 250.0));

    assertThat(compile("attributes.company_size > 100.0").test(big)).isTrue();
    assertThat(compile("attributes.company_size > 100").test(big)).isTrue();
    assertThat(compile("attributes.company_size == 250").test(big)).isTrue();
    assertThat(compile("attributes.company_size > 300").test(big)).isFalse();
  }

  @Test
  void compare_scoreWithIntLiteral_works() {
    RuleCondition condition = compile("score > 50");

    assertThat(condition.test(LEAD.withScore(50.5, "warm"))).isTrue();
    assertThat(condition.test(LEAD.withScore(50.0, "warm"))).isFalse();
    assertThat(compile("score == 60.0").test(LEAD.withScore(60, "warm"))).isTrue();
  }

  @Test
  void equals_jsonNullAttribute_equalsNull() {
    FakeRuleInput noPhone = LEAD.withAttributes(Map.of("phone", NullValue.NULL_VALUE));

    assertThat(compile("attributes.phone == null").test(noPhone)).isTrue();
    assertThat(compile("has(attributes.phone)").test(noPhone)).isTrue();
    assertThat(compile("attributes.phone == 'x'").test(noPhone)).isFalse();
  }

  @Test
  void test_listAndMapAttributes_work() {
    FakeRuleInput lead =
        LEAD.withAttributes(
            Map.of("tags", List.of("saas", "b2b"), "address", Map.of("city", "Pune")));

    assertThat(compile("'b2b' in attributes.tags").test(lead)).isTrue();
    assertThat(compile("attributes.tags.exists(t, t.startsWith('sa'))").test(lead)).isTrue();
    assertThat(compile("attributes.address.city == 'Pune'").test(lead)).isTrue();
    assertThat(compile("lead_id == 'lead-1'").test(lead)).isTrue();
  }

  @Test
  void test_unusedVariables_areNotRead() {
    FakeRuleInput input = LEAD.withScore(70, "hot");

    assertThat(compile("score > 50.0 && score < 90.0 && score != 60.0").test(input)).isTrue();

    assertThat(input.reads()).containsExactly("score");
  }

  @Test
  void count_readsEventCountsOnce() {
    FakeRuleInput input = LEAD.withEventCounts(Map.of("visit", 3L));

    assertThat(
            compile("count('visit') > 2 && count('demo') == 0 && 'visit' in event_counts")
                .test(input))
        .isTrue();

    assertThat(input.reads()).containsExactly("event_counts");
  }
}
