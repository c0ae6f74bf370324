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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Sends inputs on one {@code StreamEvents} call as fast as the server takes them (only while the
 * call is ready, so nothing queues without bound; inputs are drawn from an iterator as they are
 * sent, so a long run never holds them all) and counts the answers: profile changes per model
 * version and arm, duplicates, failures (the first few kept).
 */
final class InputPump implements ClientResponseObserver<LeadEventMessage, LeadScoreUpdate> {
  private static final int KEPT_FAILURES = 10;

  private final Iterator<LeadEventMessage> inputs;
  private final Map<String, AtomicLong> groups = new ConcurrentHashMap<>();
  private final List<LeadScoreUpdate> failures =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile @Nullable Throwable error;
  private @Nullable ClientCallStreamObserver<LeadEventMessage> call;
  private boolean completed;

  private InputPump(Iterator<LeadEventMessage> inputs) {
    this.inputs = inputs;
  }

  /**
   * Sends every input and waits for every answer.
   *
   * @throws StatusRuntimeException if the call fails as a whole (e.g. the server is unreachable)
   */
  static InputPump send(Channel channel, Iterator<LeadEventMessage> inputs, long timeoutSeconds)
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
    while (stream.isReady() && inputs.hasNext()) {
      stream.onNext(inputs.next());
    }
    if (!inputs.hasNext() && !completed) {
      completed = true;
      stream.onCompleted();
    }
  }

  @Override
  public void onNext(LeadScoreUpdate update) {
    answered.incrementAndGet();
    if (update.hasError()) {
      if (failed.incrementAndGet() <= KEPT_FAILURES) {
        failures.add(update);
      }
      return;
    }
    duplicates.addAndGet(update.getDuplicate() ? 1 : 0);
    if (update.getEventId().isEmpty() && update.getOutcomeId().isEmpty()) {
      // A profile change: one per simulated lead, so leads are counted by the version that scored.
      String arm = update.getScore().getModel().getArm();
      groups
          .computeIfAbsent(
              "version "
                  + update.getScore().getModel().getVersion()
                  + (arm.isEmpty() ? "" : " (" + arm + ")"),
              group -> new AtomicLong())
          .incrementAndGet();
    }
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

  /** Profile changes answered per model version and arm, e.g. {@code version 2 (challenger)}. */
  Map<String, Long> profilesByGroup() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    groups.forEach((group, count) -> counts.put(group, count.get()));
    return counts;
  }

  /** The first few failed answers. */
  List<LeadScoreUpdate> failures() {
    return List.copyOf(failures);
  }

  /** How many answers failed. */
  long failed() {
    return failed.get();
  }

  long duplicates() {
    return duplicates.get();
  }

  long answered() {
    return answered.get();
  }
}
