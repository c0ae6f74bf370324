package dev.leadscore.server;

import static dev.leadscore.server.StreamEventsTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.events.EventStreams;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code StreamEvents} requests inputs in batches while inputs are in flight; a client that waits
 * for each answer before sending the next input must still be served.
 */
class StreamEventsPacingTest {
  /** More than the handler's window, so the stream stalls if inputs stop being requested. */
  private static final int EVENTS = EventStreams.WINDOW * 2 + 5;

  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore().withLeadStore();

  @Test
  void streamEvents_clientWaitsForEachAnswer_everyInputAnsweredInTurn() throws Exception {
    BlockingQueue<LeadScoreUpdate> answers = new LinkedBlockingQueue<>();
    StreamObserver<LeadScoreUpdate> observer =
        new StreamObserver<>() {
          @Override
          public void onNext(LeadScoreUpdate update) {
            answers.add(update);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        };
    var requests = ScoringServiceGrpc.newStub(leadscore.channel()).streamEvents(observer);

    for (int i = 0; i < EVENTS; i++) {
      requests.onNext(event("lead-" + (i % 3), "e" + i, "email_open"));
      LeadScoreUpdate answer = answers.poll(5, TimeUnit.SECONDS);
      assertThat(answer).as("answer to input %d", i).isNotNull();
      assertThat(answer.getEventId()).isEqualTo("e" + i);
      assertThat(answer.hasError()).isFalse();
    }
    requests.onCompleted();

    long changes =
        ScoringServiceGrpc.newBlockingStub(leadscore.channel())
            .getLead(GetLeadRequest.newBuilder().setLeadId("lead-0").build())
            .getState()
            .getChanges();
    assertThat(changes).isEqualTo((EVENTS + 2) / 3);
  }
}
