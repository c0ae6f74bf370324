package dev.leadscore.core.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.api.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleConditionsTest {
  private static final RuleConditions CONDITIONS = RuleConditions.create();
  private static final String PATH = "rules[2].when";

  private final List<ConfigProblem> problems = new ArrayList<>();

  @Test
  void compile_blankExpression_alwaysHolds() {
    Optional<RuleCondition> condition = CONDITIONS.compile("  ", PATH, problems);

    assertThat(condition)
        .hasValueSatisfying(c -> assertThat(c.test(FakeRuleInput.lead())).isTrue());
    assertThat(problems).isEmpty();
  }

  @Test
  void compile_validExpression_reportsNothing() {
    assertThat(CONDITIONS.compile("count('demo_request') > 0", PATH, problems)).isPresent();
    assertThat(problems).isEmpty();
  }

  @Test
  void compile_syntaxError_reportsPositionAndCelMessage() {
    assertThat(CONDITIONS.compile("score >", PATH, problems)).isEmpty();

    assertThat(problems)
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.path()).isEqualTo(PATH);
              assertThat(problem.message()).startsWith("1:8: mismatched input '<EOF>' expecting");
            });
  }

  @Test
  void compile_undeclaredVariable_reportsIt() {
    assertThat(CONDITIONS.compile("foo > 1", PATH, problems)).isEmpty();

    assertThat(problems)
        .singleElement()
        .extracting(ConfigProblem::message)
        .asString()
        .startsWith("1:1: undeclared reference to 'foo'");
  }

  @Test
  void compile_nonBooleanResult_reportsExpectedBoolean() {
    assertThat(CONDITIONS.compile("score + 1.0", PATH, problems)).isEmpty();

    assertThat(problems)
        .containsExactly(
            new ConfigProblem(PATH, "1:7: found 'double' (expected: a boolean expression)"));
  }

  @Test
  void compile_equalityOfDoubleAndIntLiteral_reportsNoMatchingOverload() {
    assertThat(CONDITIONS.compile("score == 60", PATH, problems)).isEmpty();

    assertThat(problems)
        .singleElement()
        .extracting(ConfigProblem::message)
        .asString()
        .startsWith("1:7: found no matching overload for '_==_' applied to '(double, int)'");
  }

  @Test
  void compile_multiLineExpression_reportsLineAndColumn() {
    assertThat(CONDITIONS.compile("score > 50.0 &&\n  nope", PATH, problems)).isEmpty();

    assertThat(problems)
        .singleElement()
        .extracting(ConfigProblem::message)
        .asString()
        .startsWith("2:3: undeclared reference to 'nope'");
  }

  @Test
  void compile_severalErrors_appendsOneProblemEach() {
    problems.add(new ConfigProblem("criteria[0].weight", "-3 (expected: >= 0)"));

    assertThat(CONDITIONS.compile("foo && bar", PATH, problems)).isEmpty();

    assertThat(problems).hasSize(3);
    assertThat(problems.get(1).message()).contains("'foo'");
    assertThat(problems.get(2).message()).contains("'bar'");
  }

  @Test
  void compile_countWithWrongArgument_reportsIt() {
    assertThat(CONDITIONS.compile("count(3) > 0", PATH, problems)).isEmpty();

    assertThat(problems)
        .singleElement()
        .extracting(ConfigProblem::message)
        .asString()
        .contains("found no matching overload for 'count' applied to '(int)'");
  }

  @Test
  void compile_dynamicResult_compilesAndIsCheckedWhenEvaluated() {
    assertThat(CONDITIONS.compile("attributes.vip", PATH, problems)).isPresent();
    assertThat(problems).isEmpty();
  }
}
