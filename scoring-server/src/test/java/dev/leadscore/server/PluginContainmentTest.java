package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringModel;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.ValidateModelRequest;
import dev.leadscore.proto.v1.ValidateModelResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plugin that ignores interrupts, hangs in its factory or throws secrets, next to a healthy
 * plugin, in one real server: the rogue one is contained and the healthy one keeps scoring.
 */
class PluginContainmentTest {
  private static final String SECRET = "rogue-factory-secret";

  @RegisterExtension
  final InProcessLeadscore leadscore =
      new InProcessLeadscore()
          .withPlugins(PluginFolders.ROGUE, PluginFolders.EMAIL_DOMAIN)
          .criterionTimeout(Duration.ofMillis(150))
          .factoryTimeout(Duration.ofMillis(300))
          .pluginQuarantine(3, Duration.ofMillis(300))
          .withModel(
              """
              {"name": "stuck", "criteria": [
                 {"id": "lookup", "type": "rogue_stuck", "dimension": "fit",
                  "config": {"hold_ms": 3000}}],
               "bands": [{"name": "cold", "min_score": 0}]}
              """)
          .withModel(
              """
              {"name": "brief", "criteria": [
                 {"id": "lookup", "type": "rogue_stuck", "dimension": "fit",
                  "config": {"hold_ms": 800}}],
               "bands": [{"name": "cold", "min_score": 0}]}
              """)
          .withModel(
              """
              {"name": "healthy", "criteria": [
                 {"id": "email", "type": "email_domain", "dimension": "fit"}],
               "bands": [{"name": "cold", "min_score": 0}, {"name": "hot", "min_score": 5}]}
              """);

  private String score(String model, boolean stall) {
    Lead.Builder lead =
        Lead.newBuilder().setId("lead-1").putAttributes("email", Leads.string("ada@acme-corp.com"));
    if (stall) {
      lead.putAttributes(
          "stall", com.google.protobuf.Value.newBuilder().setBoolValue(true).build());
    }
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .score(
            ScoreRequest.newBuilder()
                .setModel(ModelRef.newBuilder().setName(model))
                .setLead(lead)
                .build())
        .getBand();
  }

  private void stallRepeatedly(String model, int calls) {
    for (int i = 0; i < calls; i++) {
      assertThatThrownBy(() -> score(model, true)).isInstanceOf(StatusRuntimeException.class);
    }
  }

  private ServingStatus health(String service) {
    return HealthGrpc.newBlockingStub(leadscore.channel())
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  @Test
  void score_pluginIgnoresInterrupts_otherPluginsCriteriaKeepScoring() {
    stallRepeatedly("stuck", 12);

    for (int i = 0; i < 20; i++) {
      assertThat(score("healthy", false)).isEqualTo("hot");
    }
  }

  @Test
  void score_pluginTimesOutRepeatedly_quarantinedFailsFastNamingTypeInMetricsAndHealth() {
    stallRepeatedly("stuck", 3);
    long started = System.nanoTime();

    assertThatThrownBy(() -> score("stuck", false))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INTERNAL);
              assertThat(e.getStatus().getDescription())
                  .contains("rogue_stuck")
                  .contains("rogue-plugin")
                  .contains("quarantined");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
    assertThat(leadscore.scrape())
        .contains("leadscore_plugin_quarantined{plugin=\"rogue-plugin\"} 1.0")
        .contains("leadscore_plugin_quarantined{plugin=\"email-domain\"} 0.0")
        .contains("leadscore_plugin_timeouts_total{plugin=\"rogue-plugin\"} 3.0");
    assertThat(health("leadscore.plugin.rogue-plugin")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(health("leadscore.plugin.email-domain")).isEqualTo(ServingStatus.SERVING);
    assertThat(health("")).isEqualTo(ServingStatus.SERVING);
    assertThat(score("healthy", false)).isEqualTo("hot");
  }

  @Test
  void score_quarantinedPluginsThreadsCameBack_probeSucceedsAndQuarantineLifted()
      throws InterruptedException {
    stallRepeatedly("brief", 3);
    assertThat(health("leadscore.plugin.rogue-plugin")).isEqualTo(ServingStatus.NOT_SERVING);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String band = null;
    while (band == null && System.nanoTime() < deadline) {
      try {
        band = score("brief", false);
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getDescription()).contains("quarantined");
        Thread.sleep(100);
      }
    }

    assertThat(band).isEqualTo("cold");
    assertThat(health("leadscore.plugin.rogue-plugin")).isEqualTo(ServingStatus.SERVING);
    assertThat(leadscore.scrape())
        .contains("leadscore_plugin_quarantined{plugin=\"rogue-plugin\"} 0.0");
  }

  @Test
  void validateModel_factoryHangs_violationWithinTheFactoryTimeLimit() {
    ScoringModel model =
        Models.bundledDefault().toBuilder()
            .setName("slow")
            .addCriteria(
                dev.leadscore.proto.v1.CriterionSpec.newBuilder()
                    .setId("slow")
                    .setType("rogue_slow_factory")
                    .setDimension("fit")
                    .setConfig(
                        com.google.protobuf.Struct.newBuilder()
                            .putFields(
                                "hold_ms",
                                com.google.protobuf.Value.newBuilder()
                                    .setNumberValue(3000)
                                    .build())))
            .build();
    long started = System.nanoTime();

    ValidateModelResponse response =
        ModelServiceGrpc.newBlockingStub(leadscore.channel())
            .validateModel(ValidateModelRequest.newBuilder().setModel(model).build());

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(response.getValid()).isFalse();
    assertThat(response.getViolationsList())
        .anySatisfy(
            v ->
                assertThat(v.getDescription())
                    .contains("rogue_slow_factory")
                    .contains("did not finish within 300 ms"));
  }

  @Test
  void validateModel_factoryThrows_violationNamesTypeButNotThePluginsMessage() {
    ScoringModel model =
        Models.bundledDefault().toBuilder()
            .setName("throwing")
            .addCriteria(
                dev.leadscore.proto.v1.CriterionSpec.newBuilder()
                    .setId("enrich")
                    .setType("rogue_throwing_factory")
                    .setDimension("fit"))
            .build();

    ValidateModelResponse response =
        ModelServiceGrpc.newBlockingStub(leadscore.channel())
            .validateModel(ValidateModelRequest.newBuilder().setModel(model).build());

    assertThat(response.getValid()).isFalse();
    assertThat(response.getViolationsList())
        .anySatisfy(
            v -> {
              assertThat(v.getField()).contains("criteria[");
              assertThat(v.getDescription())
                  .contains("rogue_throwing_factory")
                  .doesNotContain(SECRET)
                  .doesNotContain("IllegalStateException");
            });
  }
}
