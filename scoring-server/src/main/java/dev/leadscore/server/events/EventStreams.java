package dev.leadscore.server.events;

import com.google.common.annotations.VisibleForTesting;
import dev.leadscore.core.lead.LeadLimits;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.DeleteLeadRequest;
import dev.leadscore.proto.v1.DeleteLeadResponse;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.GetLeadResponse;
import dev.leadscore.proto.v1.LeadEventBatch;
import dev.leadscore.proto.v1.LeadEventBatchResult;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.RecordOutcomeRequest;
import dev.leadscore.proto.v1.RecordOutcomeResponse;
import dev.leadscore.proto.v1.WatchTransitionsRequest;
import dev.leadscore.server.internal.ScoringMetrics;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;

/** The stateful half of the scoring service: event streams, stored leads, transitions. */
public final class EventStreams {
  /** Inputs of one {@code StreamEvents} call taken ahead of their answers. */
  public static final int WINDOW = SingleEvents.WINDOW;

  /** Inputs of one {@code StreamEventBatches} call taken ahead of their results. */
  public static final int BATCH_INPUT_WINDOW = EventBatches.INPUT_WINDOW;

  /** The most inputs of one {@code StreamEventBatches} message. */
  public static final int MAX_BATCH_INPUTS = EventBatches.MAX_INPUTS;

  private static final SingleEvents SINGLE = new SingleEvents();
  private static final EventBatches BATCHES = new EventBatches();

  private final StoredLeadScorer scorer;
  private final LeadLanes lanes;
  private final TransitionFeed feed;
  private final boolean accounts;

  public EventStreams(
      ModelRegistry registry,
      LeadStore store,
      Clock clock,
      int maxEventsPerLead,
      LeadLimits limits,
      Duration snapshotDelay,
      int lanes,
      ScoringMetrics metrics) {
    this.scorer =
        new StoredLeadScorer(
            registry, store, clock, maxEventsPerLead, limits, snapshotDelay.toMillis(), metrics);
    this.lanes = new LeadLanes(lanes);
    this.feed = new TransitionFeed(store, registry);
    this.accounts = store.supportsAccounts();
  }

  /** Whether the store keeps accounts: without, account watches and reads are refused. */
  public boolean keepsAccounts() {
    return accounts;
  }

  /**
   * The stored lead scored as of now.
   *
   * @throws dev.leadscore.core.ScoringException for a bad request, an unknown model or lead
   */
  public GetLeadResponse getLead(GetLeadRequest request) {
    return scorer.getLead(request);
  }

  /**
   * Erases a stored lead with its transition log entries.
   *
   * @throws dev.leadscore.core.ScoringException for a bad request or a store failure
   */
  public DeleteLeadResponse deleteLead(DeleteLeadRequest request) {
    return scorer.deleteLead(request);
  }

  /**
   * Records what became of a stored lead; returns once durable.
   *
   * @throws dev.leadscore.core.ScoringException for a bad request, an unknown lead or a store
   *     failure
   */
  public RecordOutcomeResponse recordOutcome(RecordOutcomeRequest request) {
    return scorer.outcomes().record(request);
  }

  /** {@code StreamEvents}: one input per message, each answered once durable. */
  public StreamObserver<LeadEventMessage> streamEvents(
      ServerCallStreamObserver<LeadScoreUpdate> responses) {
    return new EventStreamHandler<>(SINGLE, scorer, lanes, responses);
  }

  /** {@code StreamEventBatches}: many inputs per message, one result per batch, in order. */
  public StreamObserver<LeadEventBatch> streamEventBatches(
      ServerCallStreamObserver<LeadEventBatchResult> responses) {
    return new EventStreamHandler<>(BATCHES, scorer, lanes, responses);
  }

  public void watch(
      WatchTransitionsRequest request, ServerCallStreamObserver<BandTransition> responses) {
    feed.watch(request, responses, false);
  }

  /** {@code WatchAccountTransitions}: account transitions from the same log. */
  public void watchAccounts(
      WatchTransitionsRequest request, ServerCallStreamObserver<BandTransition> responses) {
    feed.watch(request, responses, true);
  }

  @VisibleForTesting
  public TransitionFeed feedForTest() {
    return feed;
  }

  /** Ends the open watches; see {@link TransitionFeed#endWatches}. */
  public void endWatches() {
    feed.endWatches();
  }

  /**
   * Ends the open watches with {@code UNAVAILABLE} because the store cannot be reached: their
   * clients resume from their last sequence, on another replica or here once the store is back.
   */
  public void storeUnavailable() {
    feed.endWatches(
        io.grpc.Status.UNAVAILABLE.withDescription(
            "lead store unavailable; reconnect with from_sequence"));
  }

  /** Finishes queued inputs (their writes complete and are answered) and stops the threads. */
  public void shutdown(long millis) throws InterruptedException {
    lanes.shutdown(millis);
    feed.shutdown(millis);
  }
}
