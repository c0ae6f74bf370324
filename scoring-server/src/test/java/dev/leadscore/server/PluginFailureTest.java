package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PluginFailureTest {
  @RegisterExtension
  final InProcessLeadscore leadscore =
      new InProcessLeadscore()
          .withModel(
              """
              {"name": "flaky", "criteria": [
                 {"id": "title", "type": "attribute", "dimension": "fit",
                  "config": {"attribute": "job_title", "cases": [{"contains": ["vp"], "points": 20}]}},
                 {"id": "enrichment", "type": "test_throwing", "dimension": "fit"}],
               "bands": [{"name": "cold", "min_score": 0}, {"name": "hot", "min_score": 80}]}
              """);

  @Test
  void score_criterionThrows_internalNamingCriterionWithoutDetails() {
    ScoreRequest request =
        ScoreRequest.newBuilder()
            .setModel(ModelRef.newBuilder().setName("flaky"))
            .setLead(Leads.coldStudent())
            .build();

    assertThatThrownBy(() -> ScoringServiceGrpc.newBlockingStub(leadscore.channel()).score(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INTERNAL);
              assertThat(e.getStatus().getDescription())
                  .contains("enrichment")
                  .contains("test_throwing")
                  .doesNotContain(ThrowingCriteriaPlugin.SECRET);
            });
  }

  @Test
  void score_criterionThrows_countedAsPluginFailureOfItsModel() {
    ScoreRequest request =
        ScoreRequest.newBuilder()
            .setModel(ModelRef.newBuilder().setName("flaky"))
            .setLead(Leads.coldStudent())
            .build();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(
              () -> ScoringServiceGrpc.newBlockingStub(leadscore.channel()).score(request))
          .isInstanceOf(StatusRuntimeException.class);
    }

    assertThat(leadscore.scrape())
        .contains(
            "leadscore_model_failures_total{cause=\"plugin\",model=\"flaky\",version=\"1\"} 2.0")
        .contains(
            "leadscore_model_failures_total{cause=\"rule\",model=\"flaky\",version=\"1\"} 0.0")
        .contains(
            "leadscore_grpc_server_handled_total{grpc_code=\"INTERNAL\",grpc_method=\"Score\"")
        .contains("leadscore_model_versions_loaded{model=\"flaky\"} 1.0");
  }

  @Test
  void score_afterCriterionThrew_otherModelsStillServe() {
    ScoreRequest failing =
        ScoreRequest.newBuilder()
            .setModel(ModelRef.newBuilder().setName("flaky"))
            .setLead(Leads.coldStudent())
            .build();
    assertThatThrownBy(() -> ScoringServiceGrpc.newBlockingStub(leadscore.channel()).score(failing))
        .isInstanceOf(StatusRuntimeException.class);

    assertThat(
            ScoringServiceGrpc.newBlockingStub(leadscore.channel())
                .score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build())
                .getBand())
        .isEqualTo("cold");
  }
}
