package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.Contribution;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Third-party plugins loaded from real jars in a plugins directory, each in its own class loader,
 * scored through a real server.
 */
class ExternalPluginsTest {
  private static final String SECRET = "password=hunter2";

  @RegisterExtension
  final InProcessLeadscore leadscore =
      new InProcessLeadscore()
          .withPlugins(
              PluginFolders.EMAIL_DOMAIN,
              PluginFolders.LEGACY_GUAVA,
              PluginFolders.GUICE,
              PluginFolders.FAULTY)
          .criterionTimeout(Duration.ofMillis(200))
          .withModel(
              """
              {"name": "plugged", "criteria": [
                 {"id": "email", "type": "email_domain", "dimension": "fit"},
                 {"id": "legacy", "type": "legacy_guava", "dimension": "fit"},
                 {"id": "senior", "type": "seniority", "dimension": "fit"}],
               "bands": [{"name": "cold", "min_score": 0}, {"name": "hot", "min_score": 20}]}
              """)
          .withModel(
              """
              {"name": "throwing", "criteria": [
                 {"id": "email", "type": "email_domain", "dimension": "fit"},
                 {"id": "enrichment", "type": "faulty_throwing", "dimension": "fit"}],
               "bands": [{"name": "cold", "min_score": 0}]}
              """)
          .withModel(
              """
              {"name": "blocking", "criteria": [
                 {"id": "lookup", "type": "faulty_blocking", "dimension": "fit"}],
               "bands": [{"name": "cold", "min_score": 0}]}
              """);

  private ScoreResponse score(String model, Lead lead) {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel())
        .withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
        .score(
            ScoreRequest.newBuilder()
                .setModel(ModelRef.newBuilder().setName(model))
                .setLead(lead)
                .build());
  }

  private static Lead lead(String email, String title) {
    return Lead.newBuilder()
        .setId("lead-1")
        .putAttributes("email", Leads.string(email))
        .putAttributes("job_title", Leads.string(title))
        .build();
  }

  @Test
  void score_externalCriteria_pointsAndReasonsInExplanation() {
    ScoreResponse response = score("plugged", lead("ada@acme-corp.com", "VP of Sales"));

    Map<String, Contribution> byCriterion =
        response.getContributionsList().stream()
            .collect(Collectors.toMap(Contribution::getCriterion, c -> c));
    assertThat(byCriterion.get("email").getPoints()).isEqualTo(10);
    assertThat(byCriterion.get("email").getReason())
        .isEqualTo("e-mail domain acme-corp.com is corporate (+10)");
    assertThat(byCriterion.get("senior").getPoints()).isEqualTo(15);
    assertThat(byCriterion.get("senior").getReason())
        .as("the plugin's Guice, from its own class loader, built the factory")
        .contains("wired by Guice in PluginClassLoader[guice-plugin]");
    assertThat(response.getScore()).isEqualTo(26);
    assertThat(response.getBand()).isEqualTo("hot");
  }

  @Test
  void score_pluginBringsOldGuava_pluginUsesItsOwnAndServersIsUnaffected() {
    ScoreResponse response = score("plugged", lead("ada@gmail.com", "Intern"));

    assertThat(response.getContributionsList())
        .filteredOn(c -> c.getCriterion().equals("legacy"))
        .singleElement()
        .extracting(Contribution::getReason)
        .isEqualTo("lead{id=lead-1} by guava-16.0.1.jar (+1)");
    assertThat(Arrays.stream(com.google.common.base.Objects.class.getMethods()))
        .as("the server's Guava 33 has no Objects.toStringHelper")
        .noneMatch(m -> m.getName().equals("toStringHelper"));
    assertThat(
            com.google.common.collect.ImmutableList.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath())
        .contains("guava-33");
    assertThat(score(LeadscoreRuntime.BUNDLED_MODEL, Leads.hotVp(InProcessLeadscore.NOW)).getBand())
        .isEqualTo("hot");
  }

  @Test
  void score_criterionThrows_internalNamingCriterionCountedAndNothingElseFails() {
    assertThatThrownBy(() -> score("throwing", lead("ada@acme-corp.com", "VP")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INTERNAL);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo("criterion enrichment (type faulty_throwing) failed")
                  .doesNotContain(SECRET);
            });

    assertThat(leadscore.criterionFailures().count("faulty_throwing")).isEqualTo(1);
    assertThat(leadscore.criterionFailures().count("email_domain")).isZero();
    assertThat(score("plugged", lead("ada@acme-corp.com", "VP")).getScore()).isEqualTo(26);
  }

  @Test
  void score_criterionBlocks_internalAfterCriterionTimeoutAndCounted() {
    long started = System.nanoTime();

    assertThatThrownBy(() -> score("blocking", lead("ada@acme-corp.com", "VP")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INTERNAL);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo(
                      "criterion lookup (type faulty_blocking) did not finish within 200 ms");
            });

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(leadscore.criterionFailures().snapshot()).containsEntry("faulty_blocking", 1L);
  }
}
