package dev.leadscore.server;

import com.google.common.annotations.VisibleForTesting;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.WatchTransitionsRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;

/** The stateful half of the scoring service: event streams, stored leads, transitions. */
final class LeadStreams {
  private final LeadScorer scorer;
  private final LeadLanes lanes;
  private final TransitionFeed feed;

  LeadStreams(
      ModelRegistry registry,
      LeadStore store,
      Clock clock,
      int maxEventsPerLead,
      int lanes,
      ScoringMetrics metrics) {
    this.scorer = new LeadScorer(registry, store, clock, maxEventsPerLead, metrics);
    this.lanes = new LeadLanes(lanes);
    this.feed = new TransitionFeed(store, registry);
  }

  LeadScorer scorer() {
    return scorer;
  }

  StreamObserver<LeadEventMessage> streamEvents(
      ServerCallStreamObserver<LeadScoreUpdate> responses) {
    return new EventStreamHandler(scorer, lanes, responses);
  }

  void watch(WatchTransitionsRequest request, ServerCallStreamObserver<BandTransition> responses) {
    feed.watch(request, responses);
  }

  @VisibleForTesting
  TransitionFeed feedForTest() {
    return feed;
  }

  /** Ends the open watches; see {@link TransitionFeed#endWatches}. */
  void endWatches() {
    feed.endWatches();
  }

  /** Finishes queued inputs (their writes complete and are answered) and stops the threads. */
  void shutdown(long millis) throws InterruptedException {
    lanes.shutdown(millis);
    feed.shutdown(millis);
  }
}
