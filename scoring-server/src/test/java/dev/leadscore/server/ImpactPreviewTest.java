package dev.leadscore.server;

import static dev.leadscore.server.InProcessLeadscore.NOW;
import static dev.leadscore.server.LeadStreams.event;
import static dev.leadscore.server.LeadStreams.profile;
import static dev.leadscore.server.LeadStreams.stream;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.BandMigration;
import dev.leadscore.proto.v1.CriterionSpec;
import dev.leadscore.proto.v1.EvaluationServiceGrpc;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.GetLeadResponse;
import dev.leadscore.proto.v1.ImpactReport;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.Mover;
import dev.leadscore.proto.v1.PreviewImpactRequest;
import dev.leadscore.proto.v1.PreviewImpactResponse;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.SetLabelRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code PreviewImpact} through a real server, checked lead by lead against the Score RPC. */
class ImpactPreviewTest {
  private static final int LEADS = 60;
  private static final String[] TITLES = {"VP Sales", "Analyst", "Student", "Director", "CEO"};
  private static final String[] TYPES = {"email_open", "content_download", "webinar_attended"};

  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore().withLeadStore();

  /** Leads of every kind, served by version 1 (stable); version 2 adds 30 points to everyone. */
  @BeforeEach
  void storeLeadsAndPublishCandidate() throws Exception {
    List<LeadEventMessage> inputs = new ArrayList<>();
    for (int i = 0; i < LEADS; i++) {
      String lead = "lead-" + i;
      inputs.add(
          profile(
              lead,
              Map.of(
                  "job_title", Leads.string(TITLES[i % TITLES.length]),
                  "company_size", Leads.number(20 * i))));
      for (int e = 0; e < i % 4; e++) {
        inputs.add(
            event(lead, "e" + e, TYPES[(i + e) % TYPES.length], NOW.minus(Duration.ofDays(e + 1))));
      }
    }
    stream(leadscore.channel(), inputs);
    var models = ModelServiceGrpc.newBlockingStub(leadscore.channel());
    models.publishModel(
        PublishModelRequest.newBuilder().setModel(Models.defaultWithBonus(30)).build());
    models.setLabel(
        SetLabelRequest.newBuilder()
            .setName("b2b-default")
            .setLabel("stable")
            .setVersion(1)
            .build());
  }

  @Test
  void previewImpact_candidateVersion_migrationsAsTheScoreRpcSaysAndMoversExplained() {
    ImpactReport report =
        report(PreviewImpactRequest.newBuilder().setVersion(2).setMovers(5).setAsOf(now()));

    Map<String, Long> expected = new LinkedHashMap<>();
    long turnedHot = 0;
    for (int i = 0; i < LEADS; i++) {
      GetLeadResponse stored =
          scoring().getLead(GetLeadRequest.newBuilder().setLeadId("lead-" + i).build());
      ScoreResponse after =
          scoring()
              .score(
                  ScoreRequest.newBuilder()
                      .setModel(ModelRef.newBuilder().setName("b2b-default").setVersion(2))
                      .setLead(stored.getState().getLead())
                      .setAsOf(now())
                      .build());
      String before = stored.getScore().getBand();
      expected.merge(before + "->" + after.getBand(), 1L, Long::sum);
      turnedHot += !before.equals("hot") && after.getBand().equals("hot") ? 1 : 0;
    }
    Map<String, Long> migrations = new LinkedHashMap<>();
    for (BandMigration migration : report.getMigrationsList()) {
      migrations.put(migration.getFrom() + "->" + migration.getTo(), migration.getLeads());
    }
    assertThat(migrations).isEqualTo(expected);
    assertThat(report.getLeads()).isEqualTo(LEADS);
    assertThat(report.getTurnedTop()).isEqualTo(turnedHot).isPositive();
    assertThat(report.getBandsList()).containsExactly("cold", "warm", "hot");
    assertThat(report.getCandidate().getVersion()).isEqualTo(2);
    assertThat(report.getMeanScoreAfter()).isGreaterThan(report.getMeanScoreBefore());
    assertThat(report.getMoversList())
        .hasSize(5)
        .allSatisfy(
            mover -> {
              assertThat(mover.getDelta())
                  .isCloseTo(
                      mover.getAfter().getScore() - mover.getBefore().getScore(),
                      org.assertj.core.api.Assertions.within(0.005))
                  .isEqualTo(30.0);
              assertThat(mover.getBefore().getContributionsCount()).isEqualTo(17);
              assertThat(mover.getAfter().getFiredRulesList()).contains("bonus");
              assertThat(mover.getBefore().getModel().getVersion()).isEqualTo(1);
            });
    assertThat(report.getMoversList()).extracting(Mover::getLeadId).doesNotHaveDuplicates();
  }

  @Test
  void previewImpact_unpublishedDocument_scoredWithoutBeingStored() {
    ImpactReport report =
        report(
            PreviewImpactRequest.newBuilder()
                .setDocument(Models.defaultWithBonus(100))
                .setAsOf(now()));

    assertThat(report.getCandidate().getVersion()).isZero();
    assertThat(report.getMigrationsList())
        .allSatisfy(migration -> assertThat(migration.getTo()).isEqualTo("hot"));
    assertThat(
            ModelServiceGrpc.newBlockingStub(leadscore.channel())
                .listModels(dev.leadscore.proto.v1.ListModelsRequest.getDefaultInstance())
                .getModelsList()
                .stream()
                .filter(model -> model.getName().equals("b2b-default"))
                .findFirst()
                .orElseThrow()
                .getVersionsCount())
        .isEqualTo(2);
  }

  @Test
  void previewImpact_invalidDocumentOrNoCandidate_invalidArgumentWithPaths() {
    var broken =
        Models.bundledDefault().toBuilder()
            .setCriteria(0, CriterionSpec.newBuilder().setId("x").setType("no_such_type"))
            .build();

    assertThatThrownBy(() -> report(PreviewImpactRequest.newBuilder().setDocument(broken)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e)).containsKey("document.criteria[0].type");
            });
    assertThatThrownBy(() -> report(PreviewImpactRequest.newBuilder().setMovers(500)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(fieldViolations(e))
                    .containsOnlyKeys("movers", "candidate")
                    .containsEntry(
                        "candidate", "missing (expected: a version, a label or a model document)"));
  }

  private ImpactReport report(PreviewImpactRequest.Builder request) {
    Iterator<PreviewImpactResponse> responses =
        EvaluationServiceGrpc.newBlockingStub(leadscore.channel()).previewImpact(request.build());
    List<PreviewImpactResponse> all = new ArrayList<>();
    responses.forEachRemaining(all::add);
    assertThat(all).isNotEmpty();
    assertThat(all.subList(0, all.size() - 1))
        .allSatisfy(r -> assertThat(r.hasProgress()).isTrue());
    assertThat(all.get(all.size() - 1).hasReport()).isTrue();
    return all.get(all.size() - 1).getReport();
  }

  private ScoringServiceGrpc.ScoringServiceBlockingStub scoring() {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel());
  }

  private static com.google.protobuf.Timestamp now() {
    return Timestamps.fromMillis(NOW.toEpochMilli());
  }
}
