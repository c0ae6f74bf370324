package dev.leadscore.server;

import static dev.leadscore.server.InProcessLeadscore.NOW;
import static dev.leadscore.server.LeadStreams.event;
import static dev.leadscore.server.LeadStreams.outcome;
import static dev.leadscore.server.LeadStreams.profile;
import static dev.leadscore.server.LeadStreams.stream;
import static dev.leadscore.server.LeadStreams.withModel;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.ArmComparison.Verdict;
import dev.leadscore.proto.v1.EvaluateModelRequest;
import dev.leadscore.proto.v1.EvaluateModelRequest.Basis;
import dev.leadscore.proto.v1.EvaluateModelResponse;
import dev.leadscore.proto.v1.EvaluationServiceGrpc;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ExperimentArm;
import dev.leadscore.proto.v1.GroupEvaluation;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadOutcome.Kind;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.Segment;
import dev.leadscore.proto.v1.SetExperimentRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code EvaluateModel} through a real server: leads streamed in a champion/challenger experiment
 * where only the challenger reads the attribute the outcomes depend on.
 */
class LiveEvaluationTest {
  /** Points from one numeric attribute: 10, 40 or 70. Version 1 reads {@code noise}. */
  static String model(String attribute) {
    return """
        {"name": "exp", "criteria": [{"id": "points", "type": "attribute", "dimension": "fit",
          "config": {"attribute": "%s", "cases": [
            {"min": 0, "max": 3, "points": 10}, {"min": 3, "max": 6, "points": 40},
            {"min": 6, "points": 70}]}}],
         "bands": [{"name": "cold", "min_score": 0}, {"name": "warm", "min_score": 30},
                   {"name": "hot", "min_score": 60}]}
        """
        .formatted(attribute);
  }

  @RegisterExtension
  final InProcessLeadscore leadscore =
      new InProcessLeadscore().withLeadStore().withModel(model("noise"));

  @Test
  void evaluateModel_challengerReadsTheSignal_perArmMeasuresAndChallengerBetter() throws Exception {
    startExperiment();
    streamLeads(1600, 5);

    EvaluateModelResponse response = evaluate(EvaluateModelRequest.newBuilder().setModel("exp"));

    assertThat(response.getGroupsList())
        .extracting(GroupEvaluation::getVersion, GroupEvaluation::getArm)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "champion"),
            org.assertj.core.groups.Tuple.tuple(2L, "challenger"));
    GroupEvaluation champion = response.getGroups(0);
    GroupEvaluation challenger = response.getGroups(1);
    assertThat(champion.getLeads() + challenger.getLeads()).isEqualTo(1600);
    assertThat(response.getLeadsMeasured()).isEqualTo(1600);
    assertThat(champion.getSufficient()).isTrue();
    assertThat(champion.getAuc()).isBetween(0.44, 0.56);
    assertThat(challenger.getAuc()).isGreaterThan(0.75);
    assertThat(challenger.getBandsList())
        .extracting(Segment::getName)
        .containsExactly("cold", "warm", "hot");
    Segment hot = challenger.getBands(2);
    Segment cold = challenger.getBands(0);
    assertThat(hot.getConversionRate()).isGreaterThan(cold.getConversionRate() + 0.3);
    assertThat(cold.getDisqualifiedRate()).isGreaterThan(hot.getDisqualifiedRate());
    assertThat(cold.getReasonsList()).extracting(r -> r.getReason()).contains("bad fit");
    assertThat(challenger.getDecilesCount()).isEqualTo(10);
    assertThat(challenger.getCalibration().getRowsCount()).isPositive();
    assertThat(response.getComparison().getVerdict()).isEqualTo(Verdict.CHALLENGER_BETTER);
    assertThat(response.getComparison().getAuc().getLow()).isPositive();
    assertThat(response.getComparison().getTopBand()).isEqualTo("hot");
    assertThat(response.getComparison().getSummary()).startsWith("challenger better: AUC +0.");
  }

  @Test
  void evaluateModel_sameSeed_sameIntervals() throws Exception {
    startExperiment();
    streamLeads(400, 9);
    EvaluateModelRequest.Builder request =
        EvaluateModelRequest.newBuilder().setModel("exp").setSeed(3).setResamples(200);

    assertThat(evaluate(request).getComparison()).isEqualTo(evaluate(request).getComparison());
  }

  @Test
  void evaluateModel_tooFewOutcomes_saysSoInsteadOfAnAuc() throws Exception {
    startExperiment();
    streamLeads(30, 2);

    EvaluateModelResponse response = evaluate(EvaluateModelRequest.newBuilder().setModel("exp"));

    assertThat(response.getGroupsList())
        .allSatisfy(
            group -> {
              assertThat(group.getSufficient()).isFalse();
              assertThat(group.getAuc()).isZero();
              assertThat(group.getDecilesList()).isEmpty();
              assertThat(group.getNote()).contains("(expected: at least 20 of each");
              assertThat(group.getBandsCount()).isEqualTo(3);
            });
    assertThat(response.getComparison().getVerdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    assertThat(response.getComparison().getSummary()).startsWith("too few outcomes to compare");
  }

  @Test
  void evaluateModel_windowAndBasis_onlyLeadsCreatedInsideAndScoresAtTheDelay() throws Exception {
    startExperiment();
    int withOutcome = streamLeads(200, 4);

    EvaluateModelResponse later =
        evaluate(
            EvaluateModelRequest.newBuilder()
                .setModel("exp")
                .setFrom(Timestamps.fromMillis(NOW.plusSeconds(1).toEpochMilli())));
    EvaluateModelResponse around =
        evaluate(
            EvaluateModelRequest.newBuilder()
                .setModel("exp")
                .setBasis(Basis.AT_DELAY)
                .setFrom(Timestamps.fromMillis(NOW.minusSeconds(1).toEpochMilli()))
                .setTo(Timestamps.fromMillis(NOW.plusSeconds(1).toEpochMilli())));

    assertThat(later.getLeadsScanned()).isEqualTo(200);
    assertThat(later.getLeadsInWindow()).isZero();
    assertThat(later.getGroupsList()).isEmpty();
    assertThat(around.getBasis()).isEqualTo(Basis.AT_DELAY);
    assertThat(around.getLeadsInWindow()).isEqualTo(200);
    // A week has not passed since their first event: only leads whose outcome came first count.
    assertThat(around.getLeadsMeasured()).isEqualTo(withOutcome).isLessThan(200);
  }

  @Test
  void evaluateModel_badRequestOrUnknownModel_preciseStatus() {
    assertThatThrownBy(
            () ->
                evaluate(
                    EvaluateModelRequest.newBuilder()
                        .setModel("exp")
                        .setResamples(5)
                        .setFrom(Timestamps.fromMillis(NOW.toEpochMilli()))
                        .setTo(Timestamps.fromMillis(NOW.minusSeconds(60).toEpochMilli()))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e))
                  .containsOnlyKeys("resamples", "to")
                  .containsEntry("resamples", "5 (expected: 0 for 1000, or 100 to 10000)");
            });
    assertThatThrownBy(() -> evaluate(EvaluateModelRequest.newBuilder().setModel("nope")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.NOT_FOUND));
  }

  /** Version 2 reads {@code signal}; half the leads go to it. */
  private void startExperiment() {
    var models = ModelServiceGrpc.newBlockingStub(leadscore.channel());
    models.publishModel(
        PublishModelRequest.newBuilder()
            .setModel(ModelDocuments.parse(model("signal"), "challenger"))
            .build());
    models.setExperiment(
        SetExperimentRequest.newBuilder()
            .setExperiment(
                Experiment.newBuilder()
                    .setModel("exp")
                    .setChampion(ExperimentArm.newBuilder().setVersion(1))
                    .setChallenger(ExperimentArm.newBuilder().setVersion(2))
                    .setChallengerPercent(50))
            .build());
  }

  /**
   * Leads with a {@code signal} and an unrelated {@code noise} from 0 to 9; each converts with
   * probability 1 / (1 + e^-(signal - 5)), else is disqualified half of the time ("bad fit" when
   * its signal is low).
   *
   * @return how many leads got an outcome
   */
  private int streamLeads(int count, long seed) throws InterruptedException {
    Random random = new Random(seed);
    List<LeadEventMessage> inputs = new ArrayList<>();
    int withOutcome = 0;
    for (int i = 0; i < count; i++) {
      String lead = "lead-" + i;
      int signal = random.nextInt(10);
      inputs.add(
          withModel(
              profile(
                  lead,
                  Map.of(
                      "signal", Leads.number(signal), "noise", Leads.number(random.nextInt(10)))),
              "exp"));
      inputs.add(withModel(event(lead, "e1", "page_view", NOW.minus(Duration.ofDays(1))), "exp"));
      boolean converted = random.nextDouble() < 1 / (1 + Math.exp(-(signal - 5)));
      if (converted) {
        inputs.add(outcome(lead, outcome("o1", Kind.CONVERTED, "", NOW)));
        withOutcome++;
      } else if (random.nextBoolean()) {
        inputs.add(
            outcome(
                lead, outcome("o1", Kind.DISQUALIFIED, signal < 4 ? "bad fit" : "no budget", NOW)));
        withOutcome++;
      }
    }
    assertThat(stream(leadscore.channel(), inputs)).noneMatch(answer -> answer.hasError());
    return withOutcome;
  }

  private EvaluateModelResponse evaluate(EvaluateModelRequest.Builder request) {
    return EvaluationServiceGrpc.newBlockingStub(leadscore.channel())
        .evaluateModel(request.build());
  }
}
