package dev.leadscore.cli;

import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Sends inputs on one {@code StreamEvents} call as fast as the server takes them (only while the
 * call is ready, so nothing queues without bound) and keeps the last answer per lead and the failed
 * answers.
 */
final class InputPump implements ClientResponseObserver<LeadEventMessage, LeadScoreUpdate> {
  private final List<LeadEventMessage> inputs;
  private final Map<String, LeadScoreUpdate> last = new ConcurrentHashMap<>();
  private final List<LeadScoreUpdate> failures =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile @Nullable Throwable error;
  private @Nullable ClientCallStreamObserver<LeadEventMessage> call;
  private int next;
  private boolean completed;

  private InputPump(List<LeadEventMessage> inputs) {
    this.inputs = inputs;
  }

  /**
   * Sends every input and waits for every answer.
   *
   * @throws StatusRuntimeException if the call fails as a whole (e.g. the server is unreachable)
   */
  static InputPump send(Channel channel, List<LeadEventMessage> inputs, long timeoutSeconds)
      throws InterruptedException {
    InputPump pump = new InputPump(inputs);
    ScoringServiceGrpc.newStub(channel).streamEvents(pump);
    if (!pump.done.await(timeoutSeconds, TimeUnit.SECONDS)) {
      throw Status.DEADLINE_EXCEEDED
          .withDescription("the server did not answer every input within " + timeoutSeconds + " s")
          .asRuntimeException();
    }
    Throwable failure = pump.error;
    if (failure != null) {
      throw failure instanceof StatusRuntimeException status
          ? status
          : Status.fromThrowable(failure).asRuntimeException();
    }
    return pump;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<LeadEventMessage> requestStream) {
    call = requestStream;
    requestStream.setOnReadyHandler(this::pump);
  }

  private synchronized void pump() {
    ClientCallStreamObserver<LeadEventMessage> stream = call;
    if (stream == null) {
      return;
    }
    while (stream.isReady() && next < inputs.size()) {
      stream.onNext(inputs.get(next++));
    }
    if (next == inputs.size() && !completed) {
      completed = true;
      stream.onCompleted();
    }
  }

  @Override
  public void onNext(LeadScoreUpdate update) {
    answered.incrementAndGet();
    if (update.hasError()) {
      failures.add(update);
      return;
    }
    duplicates.addAndGet(update.getDuplicate() ? 1 : 0);
    last.put(update.getLeadId(), update);
  }

  @Override
  public void onError(Throwable t) {
    error = t;
    done.countDown();
  }

  @Override
  public void onCompleted() {
    done.countDown();
  }

  /** The last successful answer per lead. */
  Map<String, LeadScoreUpdate> lastAnswers() {
    return last;
  }

  List<LeadScoreUpdate> failures() {
    return List.copyOf(failures);
  }

  long duplicates() {
    return duplicates.get();
  }

  long answered() {
    return answered.get();
  }
}
