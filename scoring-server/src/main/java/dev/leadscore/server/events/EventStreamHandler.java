package dev.leadscore.server.events;

import dev.leadscore.core.internal.ServerThreads;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.server.internal.MalformedMessages;
import dev.leadscore.server.internal.ScoringStatuses;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One {@code StreamEvents} or {@code StreamEventBatches} call; {@link EventFraming} says how its
 * messages carry inputs.
 *
 * <p>Design notes. Each input is handed to the lane of its lead, so one lead's inputs apply in
 * order (within a message, then across messages) while other leads' proceed in parallel. The lane
 * runs the mutation and queues the write; an input is answered when the store completes the write
 * (for the embedded store, on its commit thread). A message is answered once all its inputs are:
 * {@code StreamEvents} at once, {@code StreamEventBatches} in the order of the messages. What is
 * taken ahead is bounded by the framing's {@link EventFraming.Window}, in messages and in inputs:
 * new messages are requested only as answers are sent and while the client keeps up with answers
 * ({@code isReady}), so a client that stops reading stops the server reading and nothing is
 * buffered without bound.
 *
 * <p>A message that is not valid protobuf ({@link MalformedMessages}) or that the framing refuses
 * is answered in place with {@code error} set, and the stream goes on.
 *
 * <p>Answers come from several threads; {@code lock} serializes every use of the response observer,
 * which is not thread-safe.
 */
final class EventStreamHandler<M, A> implements StreamObserver<M> {
  private final EventFraming<M, A> framing;
  private final EventFraming.Window window;
  private final StoredLeadScorer scorer;
  private final LeadLanes lanes;
  private final ServerCallStreamObserver<A> responses;
  private final Object lock = new Object();
  // Guarded by lock. Messages waiting for the ones before them (in-order framings only).
  private final ArrayDeque<Message> waiting = new ArrayDeque<>();
  // Guarded by lock.
  private int requested;
  private int messagesInFlight;
  private int inputsInFlight;
  private boolean halfClosed;
  private boolean done;

  EventStreamHandler(
      EventFraming<M, A> framing,
      StoredLeadScorer scorer,
      LeadLanes lanes,
      ServerCallStreamObserver<A> responses) {
    this.framing = framing;
    this.window = framing.window();
    this.scorer = scorer;
    this.lanes = lanes;
    this.responses = responses;
    responses.disableAutoRequest();
    responses.setOnReadyHandler(this::onReady);
    responses.setOnCancelHandler(this::onCancel);
    // The first window whether or not the client reads yet: it may send all before it reads.
    EventFraming.Window window = this.window;
    requested = Math.min(window.messages(), window.inputs() / window.maxInputsPerMessage());
    responses.request(requested);
  }

  /** The answers of one message, filled in as its inputs are answered. */
  private final class Message {
    final LeadScoreUpdate[] updates;
    final AtomicInteger pending;
    final int cost;
    @Nullable A answer;

    Message(int inputs) {
      updates = new LeadScoreUpdate[inputs];
      pending = new AtomicInteger(inputs);
      cost = Math.max(1, inputs);
    }
  }

  @Override
  public void onNext(M value) {
    String malformed = MalformedMessages.problem();
    List<LeadEventMessage> inputs = List.of();
    com.google.rpc.@Nullable Status refusal = null;
    if (malformed != null) {
      refusal =
          ScoringStatuses.toStatus(
              Status.INVALID_ARGUMENT
                  .withDescription(framing.messageName() + ": " + malformed)
                  .asRuntimeException());
    } else {
      try {
        inputs = framing.inputs(value);
      } catch (RuntimeException e) {
        refusal = ScoringStatuses.toStatus(e);
      }
    }
    Message message = new Message(inputs.size());
    synchronized (lock) {
      if (done) {
        return;
      }
      requested--;
      messagesInFlight++;
      inputsInFlight += message.cost;
      if (framing.inOrder()) {
        waiting.add(message);
      }
    }
    if (refusal != null) {
      finish(message, framing.refused(refusal));
    } else if (inputs.isEmpty()) {
      finish(message, framing.answer(message.updates));
    }
    for (int i = 0; i < inputs.size(); i++) {
      dispatch(message, i, inputs.get(i));
    }
  }

  private void dispatch(Message message, int index, LeadEventMessage input) {
    try {
      lanes.execute(
          input.getLeadId(),
          () ->
              scorer
                  .apply(input, framing.numbered() ? index : -1)
                  .thenAccept(update -> answered(message, index, update))
                  .whenComplete(EventStreamHandler::checkAnswered));
    } catch (RejectedExecutionException e) {
      answered(
          message,
          index,
          LeadScoreUpdate.newBuilder()
              .setLeadId(input.getLeadId())
              .setEventId(input.getEvent().getId())
              .setOutcomeId(input.getOutcome().getId())
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

  private void answered(Message message, int index, LeadScoreUpdate update) {
    message.updates[index] = update;
    // The decrement publishes the update: whoever takes it to zero sees every other slot filled.
    if (message.pending.decrementAndGet() == 0) {
      finish(message, framing.answer(message.updates));
    }
  }

  private void finish(Message message, A answer) {
    synchronized (lock) {
      if (done) {
        return;
      }
      if (!framing.inOrder()) {
        send(message, answer);
      } else {
        message.answer = answer;
        for (Message head = waiting.peek(); head != null; head = waiting.peek()) {
          A ready = head.answer;
          if (ready == null) {
            break;
          }
          waiting.poll();
          send(head, ready);
        }
      }
      if (halfClosed) {
        completeIfAnswered();
      } else {
        requestMore();
      }
    }
  }

  // Guarded by lock.
  private void send(Message message, A answer) {
    responses.onNext(answer);
    messagesInFlight--;
    inputsInFlight -= message.cost;
  }

  /**
   * Requests as many messages as the window allows, counting each requested message as the largest
   * one: in batches of the window's {@code requestBatch} (each request is a task on the transport
   * thread), at once when nothing is in flight, and only while the client keeps up with answers.
   */
  // Guarded by lock.
  private void requestMore() {
    if (done || halfClosed) {
      return;
    }
    int byMessages = window.messages() - messagesInFlight - requested;
    int byInputs = (window.inputs() - inputsInFlight) / window.maxInputsPerMessage() - requested;
    int more = Math.min(byMessages, byInputs);
    // isReady last: it takes the transport's lock, and most answers request nothing.
    if (more > 0
        && (more >= window.requestBatch() || messagesInFlight == 0)
        && responses.isReady()) {
      requested += more;
      responses.request(more);
    }
  }

  private void onReady() {
    synchronized (lock) {
      requestMore();
    }
  }

  private void onCancel() {
    synchronized (lock) {
      done = true;
      waiting.clear();
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

  // Guarded by lock.
  private void completeIfAnswered() {
    if (!done && messagesInFlight == 0) {
      done = true;
      responses.onCompleted();
    }
  }
}
