package dev.leadscore.server;

import static dev.leadscore.server.InProcessLeadscore.NOW;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringModel;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.ValidateModelRequest;
import dev.leadscore.proto.v1.ValidateModelResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Grades in every score answer, and bad grade matrices and account models refused over gRPC. */
class GradesTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore().withLeadStore();

  private ScoringServiceGrpc.ScoringServiceBlockingStub scoring() {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel());
  }

  private ModelServiceGrpc.ModelServiceBlockingStub models() {
    return ModelServiceGrpc.newBlockingStub(leadscore.channel());
  }

  @Test
  void score_bundledModel_gradeFromFitAndEngagementSteps() {
    ScoreResponse hot =
        scoring().score(ScoreRequest.newBuilder().setLead(Leads.hotVp(NOW)).build());
    ScoreResponse cold =
        scoring().score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build());

    // fit 47 (A: >= 30), engagement 59.33 (1: >= 40); fit -15 (D: < 0), engagement 0 (4: < 5)
    assertThat(hot.getDimensionsMap()).containsEntry("fit", 47.0);
    assertThat(hot.getGrade()).isEqualTo("A1");
    assertThat(cold.getDimensionsMap()).containsEntry("fit", -15.0);
    assertThat(cold.getGrade()).isEqualTo("D4");
  }

  @Test
  void streamEventsAndGetLead_everyAnswer_carriesTheGrade() throws Exception {
    LeadEventMessage webinar = StreamEventsTest.event("lead-1", "e1", "webinar_attended");
    List<LeadScoreUpdate> updates =
        leadscore.streamEvents(
            List.of(StreamEventsTest.profile("lead-1", "job_title", "VP Sales"), webinar));
    LeadScoreUpdate duplicate = leadscore.streamEvents(List.of(webinar)).get(0);

    // fit 20 (B), engagement 15 + 5 recent = 20 (2)
    assertThat(updates).extracting(u -> u.getScore().getGrade()).containsExactly("B4", "B2");
    assertThat(duplicate.getDuplicate()).isTrue();
    assertThat(duplicate.getScore().getGrade()).isEqualTo("B2");
    assertThat(
            scoring()
                .getLead(GetLeadRequest.newBuilder().setLeadId("lead-1").build())
                .getScore()
                .getGrade())
        .isEqualTo("B2");
  }

  @Test
  void validateModel_gradeWithGapsAndOverlaps_everyProblemListedAtOnce() {
    ScoringModel model =
        Models.bundledDefault().toBuilder()
            .setGrade(
                ModelDocuments.parse(
                        """
                        {"name": "x", "grade": {
                          "rows": {"dimension": "fit", "steps": [
                            {"name": "A", "min": 30}, {"name": "B", "min": 10, "max": 25},
                            {"name": "C", "min": 0, "max": 12}, {"name": "D", "max": -5}]},
                          "columns": {"dimension": "engagement", "steps": [
                            {"name": "1", "min": 40}, {"name": "2", "max": 45}]}}}
                        """,
                        "test")
                    .getGrade())
            .build();

    ValidateModelResponse response =
        models().validateModel(ValidateModelRequest.newBuilder().setModel(model).build());

    assertThat(response.getValid()).isFalse();
    Map<String, String> violations = new LinkedHashMap<>();
    response.getViolationsList().forEach(v -> violations.put(v.getField(), v.getDescription()));
    assertThat(violations)
        .containsOnly(
            Map.entry(
                "model.grade.rows.steps[2].min",
                "0.0: gap, fit from -5.0 to 0.0 has no step (expected: -5.0, where steps[3] D"
                    + " ends)"),
            Map.entry(
                "model.grade.rows.steps[1].min",
                "10.0: overlaps steps[2] C (0.0 to 12.0) (expected: 12.0, where it ends)"),
            Map.entry(
                "model.grade.rows.steps[0].min",
                "30.0: gap, fit from 25.0 to 30.0 has no step (expected: 25.0, where steps[1] B"
                    + " ends)"),
            Map.entry(
                "model.grade.columns.steps[0].min",
                "40.0: overlaps steps[1] 2 (-∞ to 45.0) (expected: 45.0, where it ends)"));
  }

  @Test
  void publishModel_accountModelNamingUnknownLeadModel_invalidArgumentAtItsPath() {
    ScoringModel accounts =
        ModelDocuments.parse(
                new String(
                    LeadscoreRuntime.bundledModels().get(LeadscoreRuntime.BUNDLED_ACCOUNT_MODEL),
                    java.nio.charset.StandardCharsets.UTF_8),
                "bundled")
            .toBuilder()
            .setName("my-accounts")
            .build();
    ScoringModel wrong =
        accounts.toBuilder()
            .setAccount(accounts.getAccount().toBuilder().setLeadModel("b2b-defualt"))
            .build();

    assertThatThrownBy(
            () -> models().publishModel(PublishModelRequest.newBuilder().setModel(wrong).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e))
                  .containsOnly(
                      Map.entry(
                          "model.account.lead_model",
                          "\"b2b-defualt\" (expected: a lead model with a valid version; lead"
                              + " models: b2b-default)"));
            });
    assertThat(
            models()
                .publishModel(PublishModelRequest.newBuilder().setModel(accounts).build())
                .getVersion()
                .getVersion())
        .isEqualTo(1);
  }
}
