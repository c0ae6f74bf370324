package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static dev.leadscore.server.StreamEventsTest.event;
import static dev.leadscore.server.StreamEventsTest.profile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.WatchTransitionsRequest;
import dev.leadscore.server.events.TransitionFeed;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WatchTransitionsTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore().withLeadStore();

  @Test
  void watchTransitions_fromStart_deliversLogInOrderThenNewChanges() throws Exception {
    stream(
        List.of(
            profile("lead-1", "job_title", "VP Sales"),
            event("lead-1", "e1", "email_open"),
            event("lead-2", "e1", "demo_request"),
            event("lead-1", "e2", "demo_request")));
    Recorder<WatchTransitionsRequest, BandTransition> watcher = watch(request(0), Recorder.eager());

    List<BandTransition> logged = watcher.await(values -> values.size() == 3);
    stream(List.of(event("lead-3", "e1", "purchase")));
    List<BandTransition> all = watcher.await(values -> values.size() == 4);

    assertThat(logged).extracting(BandTransition::getSequence).containsExactly(1L, 2L, 3L);
    assertThat(logged)
        .as("leads proceed in parallel; one lead's changes stay in order")
        .extracting(t -> t.getLeadId() + " " + t.getFromBand() + "->" + t.getToBand())
        .containsSubsequence("lead-1 cold->warm", "lead-1 warm->hot")
        .contains("lead-2 ->hot");
    assertThat(all.get(3).getLeadId()).isEqualTo("lead-3");
    assertThat(all.get(3).getSequence()).isEqualTo(4);
    assertThat(all.get(3).getEventId()).isEqualTo("e1");
    assertThat(all.get(3).getModel().getName()).isEqualTo("b2b-default");
  }

  @Test
  void watchTransitions_bandFilter_onlyTransitionsIntoThoseBands() throws Exception {
    stream(
        List.of(
            profile("lead-1", "job_title", "VP Sales"),
            event("lead-1", "e1", "email_open"),
            event("lead-1", "e2", "demo_request")));

    Recorder<WatchTransitionsRequest, BandTransition> watcher =
        watch(
            request(0).toBuilder().setModel("b2b-default").addBands("hot").build(),
            Recorder.eager());

    assertThat(watcher.await(values -> !values.isEmpty()))
        .extracting(BandTransition::getSequence, BandTransition::getToBand)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "hot"));
  }

  @Test
  void watchTransitions_reconnectAfterLastSeen_resumesWithoutGapOrRepeat() throws Exception {
    stream(hotLeads(300));
    Recorder<WatchTransitionsRequest, BandTransition> first =
        watch(request(0), Recorder.manual(100));
    List<BandTransition> seen = new ArrayList<>(first.await(values -> values.size() == 100));
    first.cancel();

    Recorder<WatchTransitionsRequest, BandTransition> second =
        watch(request(seen.get(99).getSequence() + 1), Recorder.eager());
    seen.addAll(second.await(values -> values.size() == 200));

    assertThat(seen)
        .extracting(BandTransition::getSequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
  }

  @Test
  void watchTransitions_slowConsumer_serverSendsOnlyWhatTheClientAskedFor() throws Exception {
    Recorder<WatchTransitionsRequest, BandTransition> watcher =
        watch(request(0), Recorder.manual(1));
    TransitionFeed feed = leadscore.server().transitionFeedForTest();

    stream(hotLeads(10_000));

    assertThat(watcher.await(values -> values.size() == 1)).hasSize(1);
    assertThat(feed.sentForTest()).as("sent to a client that asked for 1").isEqualTo(1);
    int requested = 1;
    while (requested < 10_000) {
      int more = Math.min(500, 10_000 - requested);
      watcher.request(more);
      requested += more;
      int expected = requested;
      watcher.await(values -> values.size() == expected);
      assertThat(feed.sentForTest()).isLessThanOrEqualTo(requested);
    }
    assertThat(watcher.values())
        .extracting(BandTransition::getSequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 10_000).boxed().toList());
  }

  @Test
  void shutdown_openWatch_endedUnavailableWithoutWaitingForGrace() throws Exception {
    Recorder<WatchTransitionsRequest, BandTransition> watcher = watch(request(0), Recorder.eager());
    stream(hotLeads(1));
    watcher.await(values -> values.size() == 1);

    long started = System.nanoTime();
    leadscore.server().shutdown(java.time.Duration.ofSeconds(20));

    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(java.time.Duration.ofSeconds(5));
    assertThat(watcher.awaitCompletion()).isFalse();
    assertCode((StatusRuntimeException) watcher.error(), Status.Code.UNAVAILABLE);
  }

  @Test
  void watchTransitions_badRequests_invalidArgumentOrNotFound() throws Exception {
    Recorder<WatchTransitionsRequest, BandTransition> unknownModel =
        watch(request(0).toBuilder().setModel("no-such-model").build(), Recorder.eager());
    Recorder<WatchTransitionsRequest, BandTransition> badFields =
        watch(
            request(-1).toBuilder().setModel("b2b-default").addBands("boiling").build(),
            Recorder.eager());

    assertThat(unknownModel.awaitCompletion()).isFalse();
    assertCode((StatusRuntimeException) unknownModel.error(), Status.Code.NOT_FOUND);
    assertThat(badFields.awaitCompletion()).isFalse();
    StatusRuntimeException error = (StatusRuntimeException) badFields.error();
    assertCode(error, Status.Code.INVALID_ARGUMENT);
    assertThat(fieldViolations(error))
        .containsOnlyKeys("from_sequence", "bands[0]")
        .containsEntry(
            "bands[0]", "\"boiling\" (expected: a band of model b2b-default: cold, hot, warm)");
  }

  private static List<LeadEventMessage> hotLeads(int count) {
    List<LeadEventMessage> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      messages.add(event("lead-" + i, "demo", "demo_request"));
    }
    return messages;
  }

  private static WatchTransitionsRequest request(long fromSequence) {
    return WatchTransitionsRequest.newBuilder().setFromSequence(fromSequence).build();
  }

  private Recorder<WatchTransitionsRequest, BandTransition> watch(
      WatchTransitionsRequest request, Recorder<WatchTransitionsRequest, BandTransition> recorder) {
    ScoringServiceGrpc.newStub(leadscore.channel()).watchTransitions(request, recorder);
    return recorder;
  }

  private void stream(List<LeadEventMessage> messages) throws Exception {
    Recorder<LeadEventMessage, LeadScoreUpdate> responses = Recorder.eager();
    StreamObserver<LeadEventMessage> requests =
        ScoringServiceGrpc.newStub(leadscore.channel()).streamEvents(responses);
    messages.forEach(requests::onNext);
    requests.onCompleted();
    assertThat(responses.awaitCompletion()).isTrue();
    assertThat(responses.values()).hasSize(messages.size()).noneMatch(LeadScoreUpdate::hasError);
  }
}
