package dev.leadscore.server.events;

import dev.leadscore.core.internal.ServerThreads;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.server.internal.MalformedMessages;
import dev.leadscore.server.internal.ScoringStatuses;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * One {@code StreamEvents} call. Each input is handed to the lane of its lead, so one lead's inputs
 * apply in order while other leads' proceed in parallel. The lane runs the mutation and queues the
 * write; the answer is sent when the store completes the write (for the embedded store, on its
 * commit thread), in the order of that lead's inputs. At most {@link #WINDOW} inputs are in flight:
 * new inputs are requested only as answers are sent and while the client keeps up with answers
 * ({@code isReady}), so a client that stops reading stops the server reading and nothing is
 * buffered without bound.
 *
 * <p>An input that is not a valid {@code LeadEventMessage} ({@link MalformedMessages}) has no lead:
 * it is answered at once with {@code error} set, and the stream goes on.
 *
 * <p>Answers come from several threads; {@code lock} serializes every use of the response observer,
 * which is not thread-safe.
 */
final class EventStreamHandler implements StreamObserver<LeadEventMessage> {
  /** Inputs requested ahead: enough to keep several lanes busy for one call. */
  static final int WINDOW = 64;

  /** Answers sent before their inputs are requested again, while inputs are still in flight. */
  private static final int REQUEST_BATCH = 16;

  private final StoredLeadScorer scorer;
  private final LeadLanes lanes;
  private final ServerCallStreamObserver<LeadScoreUpdate> responses;
  private final Object lock = new Object();
  // Guarded by lock.
  private long received;
  private long answered;
  private int owed;
  private boolean halfClosed;
  private boolean done;

  EventStreamHandler(
      StoredLeadScorer scorer,
      LeadLanes lanes,
      ServerCallStreamObserver<LeadScoreUpdate> responses) {
    this.scorer = scorer;
    this.lanes = lanes;
    this.responses = responses;
    responses.disableAutoRequest();
    responses.setOnReadyHandler(this::onReady);
    responses.setOnCancelHandler(this::onCancel);
    responses.request(WINDOW);
  }

  @Override
  public void onNext(LeadEventMessage message) {
    synchronized (lock) {
      if (done) {
        return;
      }
      received++;
    }
    String malformed = MalformedMessages.problem();
    if (malformed != null) {
      // No lead to order it after: answered at once.
      answer(
          LeadScoreUpdate.newBuilder()
              .setError(
                  ScoringStatuses.toStatus(
                      Status.INVALID_ARGUMENT
                          .withDescription("input: " + malformed)
                          .asRuntimeException()))
              .build());
      return;
    }
    try {
      lanes.execute(
          message.getLeadId(),
          () ->
              scorer
                  .apply(message)
                  .thenAccept(this::answer)
                  .whenComplete(EventStreamHandler::checkAnswered));
    } catch (RejectedExecutionException e) {
      answer(
          LeadScoreUpdate.newBuilder()
              .setLeadId(message.getLeadId())
              .setEventId(message.getEvent().getId())
              .setOutcomeId(message.getOutcome().getId())
              .setError(
                  ScoringStatuses.toStatus(
                      Status.UNAVAILABLE
                          .withDescription("server shutting down")
                          .asRuntimeException()))
              .build());
    }
  }

  /**
   * A failure while sending an answer would stay in the future, unseen: it is logged, and an {@code
   * Error} ends the process as on any server thread.
   */
  private static void checkAnswered(@Nullable Void ignored, @Nullable Throwable failure) {
    if (failure != null) {
      ServerThreads.failed(
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure);
    }
  }

  private void answer(LeadScoreUpdate update) {
    synchronized (lock) {
      if (done) {
        return;
      }
      responses.onNext(update);
      answered++;
      if (halfClosed) {
        completeIfAnswered();
      } else {
        owed++;
        requestOwed();
      }
    }
  }

  /**
   * Requests the inputs owed for answers sent, in batches of {@link #REQUEST_BATCH} (each request
   * is a task on the transport thread), at once when nothing is in flight, and only while the
   * client keeps up with answers.
   */
  private void requestOwed() {
    if (owed > 0
        && (owed >= REQUEST_BATCH || answered == received)
        && !done
        && !halfClosed
        && responses.isReady()) {
      responses.request(owed);
      owed = 0;
    }
  }

  private void onReady() {
    synchronized (lock) {
      requestOwed();
    }
  }

  private void onCancel() {
    synchronized (lock) {
      done = true;
    }
  }

  @Override
  public void onError(Throwable t) {
    onCancel();
  }

  @Override
  public void onCompleted() {
    synchronized (lock) {
      halfClosed = true;
      completeIfAnswered();
    }
  }

  private void completeIfAnswered() {
    if (!done && answered == received) {
      done = true;
      responses.onCompleted();
    }
  }
}
