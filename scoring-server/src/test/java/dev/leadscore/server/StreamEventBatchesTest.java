package dev.leadscore.server;

import static dev.leadscore.server.InProcessLeadscore.NOW;
import static dev.leadscore.server.LeadStreams.event;
import static dev.leadscore.server.LeadStreams.profile;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventBatch;
import dev.leadscore.proto.v1.LeadEventBatchResult;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.events.EventStreams;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code StreamEventBatches} through a real server on the RocksDB store. */
class StreamEventBatchesTest {
  private static final List<String> TYPES =
      List.of("page_view", "email_open", "content_download", "demo_request", "pricing_page_view");

  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore().withLeadStore();

  @RegisterExtension final InProcessLeadscore reference = new InProcessLeadscore().withLeadStore();

  /** Sends {@code batches} on one call; every result, in order. */
  static List<LeadEventBatchResult> batches(Channel channel, List<LeadEventBatch> batches)
      throws InterruptedException {
    Recorder<LeadEventBatch, LeadEventBatchResult> results = Recorder.eager();
    StreamObserver<LeadEventBatch> requests =
        ScoringServiceGrpc.newStub(channel).streamEventBatches(results);
    batches.forEach(requests::onNext);
    requests.onCompleted();
    assertThat(results.awaitCompletion()).as("completed: %s", results.error()).isTrue();
    return results.values();
  }

  static LeadEventBatch batch(List<LeadEventMessage> inputs) {
    return LeadEventBatch.newBuilder().addAllInputs(inputs).build();
  }

  private static List<LeadEventMessage> mixedInputs(int count) {
    List<LeadEventMessage> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String lead = "lead-" + (i % 7);
      inputs.add(
          i % 11 == 0
              ? profile(
                  lead, Map.of("job_title", Leads.string(i % 2 == 0 ? "VP Sales" : "Analyst")))
              : event(
                  lead,
                  "e" + i,
                  TYPES.get(i % TYPES.size()),
                  NOW.minus(Duration.ofHours(i % 300))));
    }
    return inputs;
  }

  @Test
  void streamEventBatches_sameInputsAsStreamEvents_sameAnswersInInputOrder() throws Exception {
    List<LeadEventMessage> inputs = mixedInputs(230);
    List<LeadEventBatch> batches = new ArrayList<>();
    for (int from = 0; from < inputs.size(); from += 100) {
      batches.add(batch(inputs.subList(from, Math.min(inputs.size(), from + 100))));
    }

    List<LeadEventBatchResult> results = batches(leadscore.channel(), batches);
    List<LeadScoreUpdate> single = reference.streamEvents(inputs);

    assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.hasError()).isFalse());
    assertThat(results)
        .extracting(LeadEventBatchResult::getUpdatesCount)
        .containsExactly(100, 100, 30);
    List<LeadScoreUpdate> batched =
        results.stream().flatMap(r -> r.getUpdatesList().stream()).toList();
    // StreamEvents answers in order per lead only; the same inputs give the same answers.
    assertThat(batched)
        .extracting(LeadScoreUpdate::getEventId)
        .isEqualTo(inputs.stream().map(i -> i.getEvent().getId()).toList());
    // Transition sequences count every lead's transitions in one log: compared as present or not.
    assertThat(batched.stream().map(StreamEventBatchesTest::withoutSequence).toList())
        .containsExactlyInAnyOrderElementsOf(
            single.stream().map(StreamEventBatchesTest::withoutSequence).toList());
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(batched.get(i).getLeadId()).isEqualTo(inputs.get(i).getLeadId());
    }
  }

  @Test
  void streamEventBatches_badInputMidBatch_answeredInPlaceWithItsPathAndTheRestApplied()
      throws Exception {
    List<LeadEventBatchResult> results =
        batches(
            leadscore.channel(),
            List.of(
                batch(
                    List.of(
                        event("lead-1", "e1", "email_open", NOW),
                        event("lead-1", "e2", "email_open", NOW),
                        event("lead-1", "e3", "", NOW),
                        event("lead-1", "e4", "demo_request", NOW))),
                batch(List.of(event("", "e5", "email_open", NOW)))));

    List<LeadScoreUpdate> first = results.get(0).getUpdatesList();
    assertThat(first)
        .extracting(LeadScoreUpdate::hasError)
        .containsExactly(false, false, true, false);
    assertThat(first.get(2).getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
    assertThat(fieldViolations(first.get(2).getError())).containsOnlyKeys("inputs[2].event.type");
    assertThat(first.get(2).getEventId()).isEqualTo("e3");
    assertThat(fieldViolations(results.get(1).getUpdates(0).getError()))
        .containsOnlyKeys("inputs[0].lead_id");
    assertThat(getLead("lead-1").getEventsList())
        .extracting(LeadEvent::getId)
        .containsExactly("e1", "e2", "e4");
  }

  @Test
  void streamEventBatches_duplicates_answeredAsDuplicatesWithinAndAcrossBatches() throws Exception {
    List<LeadEventBatchResult> results =
        batches(
            leadscore.channel(),
            List.of(
                batch(
                    List.of(
                        event("lead-1", "e1", "email_open", NOW),
                        event("lead-1", "e1", "email_open", NOW),
                        event("lead-1", "e2", "email_open", NOW))),
                batch(List.of(event("lead-1", "e2", "email_open", NOW)))));

    assertThat(results.get(0).getUpdatesList())
        .extracting(LeadScoreUpdate::getDuplicate)
        .containsExactly(false, true, false);
    assertThat(results.get(1).getUpdates(0).getDuplicate()).isTrue();
    assertThat(results.get(1).getUpdates(0).getScore().getScore())
        .isEqualTo(results.get(0).getUpdates(2).getScore().getScore());
    assertThat(getLead("lead-1").getEventsList())
        .extracting(LeadEvent::getId)
        .containsExactly("e1", "e2");
  }

  @Test
  void streamEventBatches_tooManyInputs_refusedWholeNamingTheFieldAndStreamGoesOn()
      throws Exception {
    List<LeadEventMessage> tooMany = new ArrayList<>();
    for (int i = 0; i <= EventStreams.MAX_BATCH_INPUTS; i++) {
      tooMany.add(event("lead-big", "e" + i, "email_open", NOW));
    }

    List<LeadEventBatchResult> results =
        batches(
            leadscore.channel(),
            List.of(batch(tooMany), batch(List.of(event("lead-2", "e1", "email_open", NOW)))));

    assertThat(results).hasSize(2);
    assertThat(results.get(0).getUpdatesList()).isEmpty();
    assertThat(results.get(0).getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
    assertThat(fieldViolations(results.get(0).getError()))
        .containsExactly(Map.entry("inputs", "1001 inputs (expected: at most 1000 per batch)"));
    assertThat(results.get(1).getUpdates(0).hasError()).isFalse();
    assertThatThrownBy(() -> getLead("lead-big"))
        .as("nothing of the refused batch applied")
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.NOT_FOUND));
  }

  @Test
  void streamEventBatches_acknowledgedBatch_survivesRestart() throws Exception {
    List<LeadEventBatchResult> results =
        batches(leadscore.channel(), List.of(batch(mixedInputs(60))));
    double acknowledged = results.get(0).getUpdates(59).getScore().getScore();

    leadscore.restart();

    assertThat(getLead("lead-3").getEventsList()).isNotEmpty();
    LeadEventMessage last = mixedInputs(60).get(59);
    assertThat(
            ScoringServiceGrpc.newBlockingStub(leadscore.channel())
                .getLead(GetLeadRequest.newBuilder().setLeadId(last.getLeadId()).build())
                .getScore()
                .getScore())
        .isEqualTo(acknowledged);
    List<LeadEventBatchResult> again =
        batches(leadscore.channel(), List.of(batch(mixedInputs(60).subList(50, 60))));
    assertThat(again.get(0).getUpdatesList())
        .filteredOn(update -> !update.getEventId().isEmpty())
        .allSatisfy(update -> assertThat(update.getDuplicate()).isTrue());
  }

  @Test
  void streamEventBatches_clientNotReadingResults_serverStopsTakingInputs() throws Exception {
    int batchCount = 12;
    Recorder<LeadEventBatch, LeadEventBatchResult> results = Recorder.manual(0);
    StreamObserver<LeadEventBatch> requests =
        ScoringServiceGrpc.newStub(leadscore.channel()).streamEventBatches(results);
    for (int b = 0; b < batchCount; b++) {
      List<LeadEventMessage> inputs = new ArrayList<>();
      for (int i = 0; i < EventStreams.MAX_BATCH_INPUTS; i++) {
        inputs.add(event("lead-" + b + "-" + i, "e", "email_open", NOW));
      }
      requests.onNext(batch(inputs));
    }
    requests.onCompleted();

    int applied = awaitStable(() -> appliedLeads(batchCount));
    assertThat(applied)
        .as("inputs taken while the client reads nothing")
        .isLessThanOrEqualTo(EventStreams.BATCH_INPUT_WINDOW);

    results.request(Integer.MAX_VALUE);
    assertThat(results.awaitCompletion()).as("completed: %s", results.error()).isTrue();
    assertThat(results.values()).hasSize(batchCount);
    assertThat(appliedLeads(batchCount)).isEqualTo(batchCount * EventStreams.MAX_BATCH_INPUTS);
  }

  private int appliedLeads(int batchCount) {
    int applied = 0;
    for (int b = 0; b < batchCount; b++) {
      for (int i = 0; i < EventStreams.MAX_BATCH_INPUTS; i++) {
        if (leadscore.store().get("lead-" + b + "-" + i).isPresent()) {
          applied++;
        }
      }
    }
    return applied;
  }

  /** Waits until the count stops moving for a second. */
  private static int awaitStable(IntSupplier count) throws InterruptedException {
    int previous = -1;
    for (int i = 0; i < 60; i++) {
      Thread.sleep(500);
      int now = count.getAsInt();
      if (now == previous && now > 0) {
        return now;
      }
      previous = now;
    }
    return count.getAsInt();
  }

  private static LeadScoreUpdate withoutSequence(LeadScoreUpdate update) {
    return update.toBuilder()
        .setTransitionSequence(update.getTransitionSequence() == 0 ? 0 : 1)
        .build();
  }

  @Test
  void streamEventBatches_emptyBatch_answeredWithNoUpdates() throws Exception {
    List<LeadEventBatchResult> results =
        batches(
            leadscore.channel(),
            List.of(
                LeadEventBatch.getDefaultInstance(),
                batch(List.of(event("lead-1", "e1", "email_open", NOW)))));

    assertThat(results).hasSize(2);
    assertThat(results.get(0)).isEqualTo(LeadEventBatchResult.getDefaultInstance());
    assertThat(results.get(1).getUpdates(0).getEventId()).isEqualTo("e1");
  }

  private dev.leadscore.proto.v1.Lead getLead(String id) {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel())
        .getLead(GetLeadRequest.newBuilder().setLeadId(id).build())
        .getState()
        .getLead();
  }
}
