package dev.leadscore.core.rule;

import static dev.leadscore.core.rule.RuleConditionTest.compile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditions that compile but fail for some leads: the messages a caller sees. */
class RuleEvaluationExceptionTest {
  private static final FakeRuleInput LEAD = FakeRuleInput.lead();

  @Test
  void index_absentKey_throwsClientSafeMessageNamingKey() {
    RuleCondition condition = compile("event_counts['purchase'] > 0");

    assertThatThrownBy(() -> condition.test(LEAD))
        .isInstanceOfSatisfying(
            RuleEvaluationException.class,
            e ->
                assertThat(e.getMessage())
                    .startsWith(
                        "rules[0].when: cannot evaluate `event_counts['purchase'] > 0`:"
                            + " key 'purchase' is not present in map. (expected: a guard such as")
                    .doesNotContain("Exception", "\tat ", "dev.cel"));
  }

  @Test
  void index_absentKeyWithSpace_throwsMessageNamingKey() {
    RuleCondition condition = compile("event_counts['page view'] > 0");

    assertThatThrownBy(() -> condition.test(LEAD))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessageContaining("key 'page view' is not present in map.");
  }

  @Test
  void select_absentAttribute_throwsMessageNamingKey() {
    RuleCondition condition = compile("attributes.email == 'a@b.c'");

    assertThatThrownBy(() -> condition.test(LEAD))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessageContaining("key 'email' is not present in map.");
  }

  @Test
  void arithmetic_doubleAttributePlusInt_throws() {
    RuleCondition condition = compile("attributes.company_size + 1 > 100.0");
    FakeRuleInput big = LEAD.withAttributes(Map.of("company_size", 250.0));

    assertThatThrownBy(() -> condition.test(big))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessageContaining("No matching overload for function '_+_'");
    assertThat(compile("attributes.company_size + 1.0 > 100.0").test(big)).isTrue();
  }

  @Test
  void test_dynamicResultNotBoolean_throws() {
    RuleCondition condition = compile("attributes.vip");

    assertThat(condition.test(LEAD.withAttributes(Map.of("vip", true)))).isTrue();
    assertThatThrownBy(() -> condition.test(LEAD.withAttributes(Map.of("vip", "yes"))))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessage(
            "rules[0].when: cannot evaluate `attributes.vip`: result is a string"
                + " (expected: a boolean)");
  }
}
