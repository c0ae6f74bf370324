package dev.leadscore.core.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.api.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain-Java path for count-only conditions answers exactly as the CEL interpreter does. */
class CountConditionTest {
  private static final RuleConditions CONDITIONS = RuleConditions.create();
  private static final RuleConditions INTERPRETED = CONDITIONS.interpretedOnlyForTest();

  private static final List<Map<String, Long>> COUNTS =
      List.of(
          Map.of(),
          Map.of("demo_request", 1L),
          Map.of("purchase", 3L),
          Map.of("demo_request", 2L, "purchase", 1L, "visit", 7L),
          Map.of("visit", 0L));

  @Test
  void compile_countOnlyExpressions_takePlainJavaPathWithCelResults() {
    List<String> expressions =
        List.of(
            "count('demo_request') > 0 || count('purchase') > 0",
            "count('demo_request') >= 2 && !(count('purchase') == 0)",
            "0 < count('visit') && count('visit') <= 7",
            "3 >= count('purchase') || 1 > count('visit')",
            "count('visit') != 7 && 2 <= count('demo_request') || count('purchase') < 1",
            "!(count('demo_request') == 1)");
    for (String expression : expressions) {
      RuleCondition fast = compile(CONDITIONS, expression);
      RuleCondition cel = compile(INTERPRETED, expression);
      assertThat(fast).as(expression).isInstanceOf(CountCondition.class);
      assertThat(cel).as(expression).isInstanceOf(CelRuleCondition.class);
      for (Map<String, Long> counts : COUNTS) {
        FakeRuleInput input = FakeRuleInput.lead().withEventCounts(counts);
        assertThat(fast.test(input))
            .as("%s with %s", expression, counts)
            .isEqualTo(cel.test(input));
      }
    }
  }

  @Test
  void compile_otherExpressions_leftToCel() {
    for (String expression :
        List.of(
            "count('visit') > 0.5",
            "count('visit') > 0 && score > 50.0",
            "event_counts['visit'] > 0",
            "count('vi' + 'sit') > 0")) {
      assertThat(compile(CONDITIONS, expression))
          .as(expression)
          .isInstanceOf(CelRuleCondition.class);
    }
  }

  private static RuleCondition compile(RuleConditions conditions, String expression) {
    List<ConfigProblem> problems = new ArrayList<>();
    RuleCondition condition =
        conditions.compile(expression, "rules[0].when", problems).orElseThrow();
    assertThat(problems).isEmpty();
    return condition;
  }
}
