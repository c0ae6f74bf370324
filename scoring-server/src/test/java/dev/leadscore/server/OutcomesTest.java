package dev.leadscore.server;

import static dev.leadscore.server.InProcessLeadscore.NOW;
import static dev.leadscore.server.LeadStreams.event;
import static dev.leadscore.server.LeadStreams.outcome;
import static dev.leadscore.server.LeadStreams.profile;
import static dev.leadscore.server.LeadStreams.stream;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.DeleteLeadRequest;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.LeadOutcome;
import dev.leadscore.proto.v1.LeadOutcome.Kind;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.RecordOutcomeRequest;
import dev.leadscore.proto.v1.RecordOutcomeResponse;
import dev.leadscore.proto.v1.ScoreSnapshot;
import dev.leadscore.proto.v1.ScoreSnapshot.Moment;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Outcomes of stored leads and the scores kept before them, through a real server. */
class OutcomesTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore().withLeadStore();

  @Test
  void recordOutcome_storedLead_keptWithTheLeadWithItsRecordedTime() throws Exception {
    seed("lead-1");

    RecordOutcomeResponse response =
        record("lead-1", outcome("won-1", Kind.CONVERTED, "", NOW.minus(Duration.ofMinutes(5))));

    assertThat(response.getDuplicate()).isFalse();
    assertThat(response.getOutcome().getRecorded())
        .isEqualTo(Timestamps.fromMillis(NOW.toEpochMilli()));
    assertThat(state("lead-1").getOutcomesList())
        .extracting(LeadOutcome::getId, LeadOutcome::getKind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("won-1", Kind.CONVERTED));
  }

  @Test
  void recordOutcome_sameIdTwice_duplicateAndTheFirstStays() throws Exception {
    seed("lead-1");
    record("lead-1", outcome("o-1", Kind.DISQUALIFIED, "bad fit", NOW));

    RecordOutcomeResponse again = record("lead-1", outcome("o-1", Kind.CONVERTED, "", NOW));

    assertThat(again.getDuplicate()).isTrue();
    assertThat(again.getOutcome().getKind()).isEqualTo(Kind.DISQUALIFIED);
    assertThat(state("lead-1").getOutcomesList()).hasSize(1);
  }

  @Test
  void recordOutcome_unknownLead_notFound() {
    assertThatThrownBy(() -> record("nobody", outcome("o-1", Kind.CONVERTED, "", NOW)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("lead nobody: not found");
            });
  }

  @Test
  void recordOutcome_timeInTheFutureAndNoKind_invalidArgumentNamingEachField() throws Exception {
    seed("lead-1");
    LeadOutcome bad =
        outcome("o-1", Kind.KIND_UNSPECIFIED, "x".repeat(65), NOW.plus(Duration.ofDays(1)));

    assertThatThrownBy(() -> record("lead-1", bad))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e))
                  .containsOnlyKeys("outcome.kind", "outcome.reason", "outcome.time")
                  .containsEntry("outcome.kind", "missing (expected: CONVERTED or DISQUALIFIED)");
              assertThat(fieldViolations(e).get("outcome.time"))
                  .startsWith("2026-11-21T12:00:00Z (expected: not in the future");
            });
    assertThat(state("lead-1").getOutcomesList()).isEmpty();
  }

  @Test
  void streamEvents_outcomesBesideEvents_answeredInOrderWithOutcomeIdAndDuplicate()
      throws Exception {
    List<LeadScoreUpdate> answers =
        stream(
            leadscore.channel(),
            List.of(
                profile("lead-1", Map.of("job_title", Leads.string("VP Sales"))),
                event("lead-1", "e1", "email_open", NOW.minus(Duration.ofHours(2))),
                outcome("lead-1", outcome("o-1", Kind.CONVERTED, "", NOW)),
                outcome("lead-1", outcome("o-1", Kind.CONVERTED, "", NOW)),
                outcome("ghost", outcome("o-9", Kind.CONVERTED, "", NOW)),
                event("lead-1", "e2", "demo_request", NOW.minus(Duration.ofHours(1)))));

    // In order per lead; leads may interleave.
    List<LeadScoreUpdate> lead =
        answers.stream().filter(a -> a.getLeadId().equals("lead-1")).toList();
    LeadScoreUpdate ghost =
        answers.stream().filter(a -> a.getLeadId().equals("ghost")).findFirst().orElseThrow();
    assertThat(lead).hasSize(5);
    assertThat(lead.get(2).getOutcomeId()).isEqualTo("o-1");
    assertThat(lead.get(2).getDuplicate()).isFalse();
    assertThat(lead.get(2).getScore().getBand()).isEqualTo(lead.get(1).getScore().getBand());
    assertThat(lead.get(3).getDuplicate()).isTrue();
    assertThat(lead.get(4).getScore().getBand()).isEqualTo("hot");
    assertThat(ghost.getError().getCode()).isEqualTo(Status.Code.NOT_FOUND.value());
    assertThat(ghost.getOutcomeId()).isEqualTo("o-9");
  }

  @Test
  void streamEvents_scoresAfterTheFirstOutcome_notKeptForEvaluation() throws Exception {
    stream(
        leadscore.channel(),
        List.of(
            profile("lead-1", Map.of("job_title", Leads.string("VP Sales"))),
            event("lead-1", "e1", "email_open", NOW.minus(Duration.ofHours(2))),
            outcome("lead-1", outcome("o-1", Kind.DISQUALIFIED, "no budget", NOW))));
    List<ScoreSnapshot> before = state("lead-1").getSnapshotsList();

    stream(
        leadscore.channel(),
        List.of(event("lead-1", "e2", "demo_request", NOW.minus(Duration.ofHours(1)))));

    LeadState after = state("lead-1");
    assertThat(before)
        .extracting(ScoreSnapshot::getMoment, ScoreSnapshot::getBand)
        .contains(
            org.assertj.core.groups.Tuple.tuple(Moment.BAND_ENTRY, "cold"),
            org.assertj.core.groups.Tuple.tuple(Moment.BAND_ENTRY, "warm"),
            org.assertj.core.groups.Tuple.tuple(Moment.LATEST, "warm"),
            org.assertj.core.groups.Tuple.tuple(Moment.AT_DELAY, "warm"));
    assertThat(after.getSnapshotsList()).isEqualTo(before);
    assertThat(after.getScoresMap().get("b2b-default").getBand()).isEqualTo("hot");
    assertThat(after.getCreated()).isEqualTo(Timestamps.fromMillis(NOW.toEpochMilli()));
    assertThat(after.hasFirstEventReceived()).isTrue();
  }

  @Test
  void deleteLead_withOutcomes_erasesThemWithTheLead() throws Exception {
    seed("lead-1");
    record("lead-1", outcome("o-1", Kind.CONVERTED, "", NOW));

    scoring().deleteLead(DeleteLeadRequest.newBuilder().setLeadId("lead-1").build());

    assertThatThrownBy(() -> record("lead-1", outcome("o-2", Kind.CONVERTED, "", NOW)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.NOT_FOUND));
  }

  private void seed(String lead) throws InterruptedException {
    stream(
        leadscore.channel(),
        List.of(event(lead, "e1", "email_open", NOW.minus(Duration.ofHours(3)))));
  }

  private RecordOutcomeResponse record(String lead, LeadOutcome outcome) {
    return scoring()
        .recordOutcome(
            RecordOutcomeRequest.newBuilder().setLeadId(lead).setOutcome(outcome).build());
  }

  private LeadState state(String lead) {
    return scoring().getLead(GetLeadRequest.newBuilder().setLeadId(lead).build()).getState();
  }

  private ScoringServiceGrpc.ScoringServiceBlockingStub scoring() {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel());
  }
}
