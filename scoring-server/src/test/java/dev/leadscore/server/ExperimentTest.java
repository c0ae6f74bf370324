package dev.leadscore.server;

import static dev.leadscore.server.Models.defaultWithBonus;
import static dev.leadscore.server.Models.ref;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.DeleteExperimentRequest;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ExperimentArm;
import dev.leadscore.proto.v1.GetExperimentRequest;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ModelServiceGrpc.ModelServiceBlockingStub;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.ScoreBatchRequest;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.SetExperimentRequest;
import dev.leadscore.proto.v1.SetLabelRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Champion/challenger experiments, configured through ModelService and seen in scores. */
class ExperimentTest {
  private static final int LEADS = 10_000;

  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore();

  private ModelServiceBlockingStub models() {
    return ModelServiceGrpc.newBlockingStub(leadscore.channel());
  }

  /** Version 2 is the challenger of stable (version 1), on 10% of leads. */
  @BeforeEach
  void startExperiment() {
    models().publishModel(PublishModelRequest.newBuilder().setModel(defaultWithBonus(5)).build());
    models()
        .setLabel(
            SetLabelRequest.newBuilder()
                .setName("b2b-default")
                .setLabel("stable")
                .setVersion(1)
                .build());
    models().setExperiment(SetExperimentRequest.newBuilder().setExperiment(tenPercent()).build());
  }

  private static Experiment tenPercent() {
    return Experiment.newBuilder()
        .setModel("b2b-default")
        .setChampion(ExperimentArm.newBuilder().setLabel("stable"))
        .setChallenger(ExperimentArm.newBuilder().setVersion(2))
        .setChallengerPercent(10)
        .build();
  }

  /**
   * Arm per lead id, scoring the leads in batches (of the most leads a batch may carry) in the
   * given order.
   */
  private Map<String, String> arms(List<String> ids) {
    Map<String, String> arms = new HashMap<>();
    for (int from = 0; from < ids.size(); from += LeadscoreServer.DEFAULT_MAX_BATCH_LEADS) {
      ScoreBatchRequest.Builder batch = ScoreBatchRequest.newBuilder().setSkipExplanation(true);
      ids.subList(from, Math.min(ids.size(), from + LeadscoreServer.DEFAULT_MAX_BATCH_LEADS))
          .forEach(id -> batch.addLeads(Lead.newBuilder().setId(id)));
      for (ScoreResponse response :
          ScoringServiceGrpc.newBlockingStub(leadscore.channel())
              .scoreBatch(batch.build())
              .getResultsList()) {
        long expected = response.getModel().getArm().equals("challenger") ? 2 : 1;
        assertThat(response.getModel().getVersion()).isEqualTo(expected);
        arms.put(response.getLeadId(), response.getModel().getArm());
      }
    }
    return arms;
  }

  private ScoreResponse score(ModelRef ref, String leadId) {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel())
        .score(
            ScoreRequest.newBuilder()
                .setModel(ref)
                .setLead(Lead.newBuilder().setId(leadId))
                .build());
  }

  @Test
  void score_tenThousandLeads_stableArmPerLeadNearTheSplit() {
    List<String> ids = IntStream.range(0, LEADS).mapToObj(i -> "lead-" + i).toList();

    Map<String, String> first = arms(ids);
    List<String> reversed = new ArrayList<>(ids);
    Collections.reverse(reversed);
    Map<String, String> again = arms(reversed);

    assertThat(again).isEqualTo(first);
    long challengers = first.values().stream().filter("challenger"::equals).count();
    assertThat(challengers).isBetween(850L, 1150L);
    assertThat(score(ref(""), "lead-7").getModel().getArm()).isEqualTo(first.get("lead-7"));
  }

  @Test
  void score_explicitVersionOrLabel_bypassesTheExperiment() {
    ScoreResponse pinned = score(ref("b2b-default", 2), "lead-1");
    ScoreResponse labelled = score(ref("b2b-default", "stable"), "lead-1");

    assertThat(pinned.getModel().getArm()).isEmpty();
    assertThat(labelled.getModel().getArm()).isEmpty();
    assertThat(labelled.getModel().getVersion()).isEqualTo(1);
  }

  @Test
  void restart_experimentAndAssignmentsSurvive() throws Exception {
    List<String> ids = IntStream.range(0, 500).mapToObj(i -> "lead-" + i).toList();
    Map<String, String> before = arms(ids);
    Experiment stored =
        models().getExperiment(GetExperimentRequest.newBuilder().setName("b2b-default").build());

    leadscore.restart();

    assertThat(
            models()
                .getExperiment(GetExperimentRequest.newBuilder().setName("b2b-default").build()))
        .isEqualTo(stored);
    assertThat(arms(ids)).isEqualTo(before);
  }

  @Test
  void setExperiment_invalidArmsOrSplitOrModel_preciseStatus() {
    Experiment bad =
        tenPercent().toBuilder()
            .setChallenger(ExperimentArm.newBuilder().setLabel("canary"))
            .setChallengerPercent(0)
            .build();

    assertThatThrownBy(
            () ->
                models()
                    .setExperiment(SetExperimentRequest.newBuilder().setExperiment(bad).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e))
                  .containsOnlyKeys("experiment.challenger_percent", "experiment.challenger.label");
            });
    assertThatThrownBy(
            () ->
                models()
                    .setExperiment(
                        SetExperimentRequest.newBuilder()
                            .setExperiment(tenPercent().toBuilder().setModel("nope"))
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.NOT_FOUND));
    assertThat(
            models()
                .getExperiment(GetExperimentRequest.newBuilder().setName("b2b-default").build())
                .getChallengerPercent())
        .isEqualTo(10);
  }

  @Test
  void deleteExperiment_scoresWithoutArmsAndGetIsNotFound() {
    models().deleteExperiment(DeleteExperimentRequest.newBuilder().setName("b2b-default").build());

    assertThat(score(ref(""), "lead-1").getModel().getArm()).isEmpty();
    assertThat(score(ref(""), "lead-1").getModel().getLabel()).isEqualTo("stable");
    assertThatThrownBy(
            () ->
                models()
                    .getExperiment(
                        GetExperimentRequest.newBuilder().setName("b2b-default").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.NOT_FOUND));
  }
}
