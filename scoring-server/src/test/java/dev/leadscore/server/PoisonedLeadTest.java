package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.proto.v1.DeleteLeadRequest;
import dev.leadscore.proto.v1.DeleteLeadResponse;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lead whose stored record cannot be read (nested past protobuf's parse limit, as a server
 * without value limits could store it) poisons nothing (finding 1 of issue 15): reading it says so
 * clearly, and DeleteLead erases it, also after a restart, so the lead id is usable again.
 */
class PoisonedLeadTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore().withLeadStore();

  @Test
  void deleteLead_storedRecordCannotBeRead_erasesItAndTheLeadIsUsableAgain() throws Exception {
    stream(StreamEventsTest.event("lead-1", "e1", "demo_request"));
    poison("lead-1");

    assertThatThrownBy(() -> getLead("lead-1"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DATA_LOSS);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo(
                      "lead lead-1: its stored record cannot be read (expected: a readable"
                          + " record; DeleteLead erases it)");
            });
    LeadScoreUpdate refused = stream(StreamEventsTest.event("lead-1", "e2", "email_open")).get(0);
    assertThat(refused.getError().getCode()).isEqualTo(Status.Code.DATA_LOSS.value());
    assertThat(stream(StreamEventsTest.event("lead-2", "e1", "email_open")).get(0).hasError())
        .as("other leads are not affected")
        .isFalse();

    DeleteLeadResponse deleted = delete("lead-1");

    assertThat(deleted.getDeleted()).isTrue();
    assertThat(deleted.getTransitionsDeleted()).isEqualTo(1);
    assertThatThrownBy(() -> getLead("lead-1"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThat(stream(StreamEventsTest.event("lead-1", "e1", "email_open")).get(0).hasError())
        .isFalse();
    assertThat(getLead("lead-1").getState().getChanges()).isEqualTo(1);
    assertThat(
            HealthGrpc.newBlockingStub(leadscore.channel())
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void deleteLead_afterRestart_erasesTheUnreadableRecord() throws Exception {
    stream(StreamEventsTest.event("lead-1", "e1", "email_open"));
    poison("lead-1");

    leadscore.restart();

    assertThat(delete("lead-1").getDeleted()).isTrue();
    assertThat(stream(StreamEventsTest.event("lead-1", "e2", "email_open")).get(0).hasError())
        .isFalse();
  }

  /** Writes, through the store's own API, the lead with a value nested 60 lists deep. */
  private void poison(String leadId) {
    LeadState stored = leadscore.store().get(leadId).orElseThrow();
    LeadState.Builder poisoned = stored.toBuilder();
    poisoned
        .getLeadBuilder()
        .putAttributes("deep", LeadLimitsTest.nested(60))
        .getEventsBuilder(0)
        .putProperties("deep", LeadLimitsTest.nested(60));
    leadscore
        .store()
        .update(leadId, "poison", current -> new LeadUpdate(poisoned.build(), Optional.empty()))
        .join();
    // The store completes an update just before it forgets the queued record; until then the
    // lead's next update builds on that record in memory (readable there) instead of the stored
    // bytes. Anything the commit thread does afterwards, such as this no-op delete, comes after.
    leadscore.store().delete("no-such-lead");
  }

  private List<LeadScoreUpdate> stream(LeadEventMessage message) throws Exception {
    Recorder<LeadEventMessage, LeadScoreUpdate> responses = Recorder.eager();
    StreamObserver<LeadEventMessage> requests =
        ScoringServiceGrpc.newStub(leadscore.channel()).streamEvents(responses);
    requests.onNext(message);
    requests.onCompleted();
    assertThat(responses.awaitCompletion()).as("completed: %s", responses.error()).isTrue();
    return responses.values();
  }

  private dev.leadscore.proto.v1.GetLeadResponse getLead(String id) {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel())
        .withDeadlineAfter(
            Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .getLead(GetLeadRequest.newBuilder().setLeadId(id).build());
  }

  private DeleteLeadResponse delete(String id) {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel())
        .deleteLead(DeleteLeadRequest.newBuilder().setLeadId(id).build());
  }
}
