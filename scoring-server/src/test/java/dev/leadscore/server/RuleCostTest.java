package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.Rule;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringModel;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.ValidateModelRequest;
import dev.leadscore.proto.v1.ValidateModelResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rule's cost is bounded (finding 3 of issue 15): when the model is validated (comprehension
 * nesting, iterations over literal lists), while it runs (an iteration budget per evaluation), and
 * when its call is cancelled or past its deadline (evaluation stops).
 */
class RuleCostTest {
  /** 200 rules that each loop 99 × 99 times over the lead's {@code tags}: within the budget. */
  private static final String COSTLY =
      """
      {"name": "costly", "criteria": [
         {"id": "opens", "type": "event_count", "dimension": "engagement",
          "config": {"event_types": ["email_open"], "points_per_event": 1}}],
       "bands": [{"name": "cold"}, {"name": "hot", "min_score": 50}],
       "rules": [%s]}
      """
          .formatted(
              IntStream.range(0, 200)
                  .mapToObj(
                      i ->
                          ("{\"id\": \"r%d\", \"add_points\": 1, \"when\": \"has(attributes.tags)"
                                  + " && attributes.tags.all(x, attributes.tags.all(y, x == y || x"
                                  + " != y))\"}")
                              .formatted(i))
                  .collect(Collectors.joining(",")));

  @RegisterExtension
  final InProcessLeadscore leadscore = new InProcessLeadscore().withModel(COSTLY);

  @Test
  void validateModel_threeNestedComprehensions_refusedNamingTheRule() {
    String hundred =
        IntStream.rangeClosed(1, 100).mapToObj(Integer::toString).collect(Collectors.joining(","));
    ScoringModel model =
        Models.bundledDefault().toBuilder()
            .addRules(
                Rule.newBuilder()
                    .setId("cubed")
                    .setAddPoints(1)
                    .setWhen(
                        "[%s].all(x, [%s].all(y, [%s].all(z, x + y + z > 0)))"
                            .formatted(hundred, hundred, hundred)))
            .build();
    int index = model.getRulesCount() - 1;

    ValidateModelResponse response = validate(model);

    assertThat(response.getValid()).isFalse();
    assertThat(response.getViolationsList())
        .anySatisfy(
            v -> {
              assertThat(v.getField()).isEqualTo("model.rules[" + index + "].when");
              assertThat(v.getDescription())
                  .isEqualTo(
                      "3 nested comprehensions (all, exists, exists_one, map, filter) (expected:"
                          + " at most 2)");
            });
  }

  @Test
  void validateModel_literalListsNeedMoreThanTheBudget_refused() {
    String many =
        IntStream.range(0, 200).mapToObj(Integer::toString).collect(Collectors.joining(","));
    ScoringModel model =
        Models.bundledDefault().toBuilder()
            .addRules(
                Rule.newBuilder()
                    .setId("squared")
                    .setAddPoints(1)
                    .setWhen("[%s].all(x, [%s].all(y, x != y || x == y))".formatted(many, many)))
            .build();

    ValidateModelResponse response = validate(model);

    assertThat(response.getValid()).isFalse();
    assertThat(response.getViolationsList())
        .anySatisfy(
            v ->
                assertThat(v.getDescription())
                    .isEqualTo(
                        "its literal lists alone need 40200 iterations (expected: at most 10000"
                            + " per evaluation)"));
  }

  @Test
  void score_ruleNeedsMoreIterationsThanTheBudget_failsNamingRuleAndBudget() {
    assertThatThrownBy(() -> score(tags(150), 10_000))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
              assertThat(e.getStatus().getDescription())
                  .startsWith("rules[0].when: cannot evaluate `has(attributes.tags)")
                  .endsWith(
                      ": needs more than 10000 loop iterations (expected: at most 10000 per"
                          + " evaluation)");
            });
  }

  @Test
  void score_deadlinePassesDuringCostlyRules_stopsEvaluatingSoonAfter() {
    score(tags(5), 10_000); // compiles and warms the model

    long started = System.nanoTime();
    assertThatThrownBy(() -> score(tags(99), 300))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getCode())
                    .isIn(Status.Code.DEADLINE_EXCEEDED, Status.Code.CANCELLED));
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    // The in-process server runs the handler on this thread: the call returns when scoring stops.
    // 200 rules of 9,900 iterations each took 14.7 s without the watchdog; stopped, about one.
    // Generous, so a loaded machine does not fail it; not a benchmark.
    assertThat(elapsed).as("ms until the server stopped scoring").isLessThan(6_000);
  }

  private static Lead tags(int count) {
    ListValue.Builder tags = ListValue.newBuilder();
    for (int i = 0; i < count; i++) {
      tags.addValues(Value.newBuilder().setStringValue("t" + i));
    }
    return Lead.newBuilder()
        .setId("lead-1")
        .putAttributes("tags", Value.newBuilder().setListValue(tags).build())
        .build();
  }

  private void score(Lead lead, long deadlineMillis) {
    ScoringServiceGrpc.newBlockingStub(leadscore.channel())
        .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
        .score(
            ScoreRequest.newBuilder()
                .setModel(ModelRef.newBuilder().setName("costly"))
                .setLead(lead)
                .setSkipExplanation(true)
                .build());
  }

  private ValidateModelResponse validate(ScoringModel model) {
    return ModelServiceGrpc.newBlockingStub(leadscore.channel())
        .validateModel(ValidateModelRequest.newBuilder().setModel(model).build());
  }
}
