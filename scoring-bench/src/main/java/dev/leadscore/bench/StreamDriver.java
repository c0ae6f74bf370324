package dev.leadscore.bench;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Bidirectional streams kept busy: {@code streams} streams, each with {@code window} messages in
 * flight; every answer sends the next message until the phase's time is up, then the stream is
 * half-closed. Answers come in order, so a message's latency is measured against the oldest send
 * time still waiting.
 */
final class StreamDriver<Q, R> {
  private final Channel channel;
  private final MethodDescriptor<Q, R> method;
  private final Q request;

  StreamDriver(Channel channel, MethodDescriptor<Q, R> method, Q request) {
    this.channel = channel;
    this.method = method;
    this.request = request;
  }

  Phase run(String name, int streams, int window, long nanos) throws InterruptedException {
    Recorder recorder = new Recorder(3);
    AtomicLong messages = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong lastAnswer = new AtomicLong();
    CountDownLatch done = new CountDownLatch(streams);
    long start = System.nanoTime();
    for (int i = 0; i < streams; i++) {
      new Stream(recorder, messages, errors, lastAnswer, done, start + nanos, window).open();
    }
    if (!done.await(nanos + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException(name + ": streams did not finish");
    }
    return new Phase(
        name,
        messages.get(),
        errors.get(),
        (lastAnswer.get() - start) / 1e9,
        recorder.getIntervalHistogram());
  }

  private final class Stream implements StreamObserver<R> {
    private final Recorder recorder;
    private final AtomicLong messages;
    private final AtomicLong errors;
    private final AtomicLong lastAnswer;
    private final CountDownLatch done;
    private final long deadline;
    private final long[] sendTimes;
    private int head;
    private int inFlight;
    private boolean closing;
    private @Nullable StreamObserver<Q> requests;

    Stream(
        Recorder recorder,
        AtomicLong messages,
        AtomicLong errors,
        AtomicLong lastAnswer,
        CountDownLatch done,
        long deadline,
        int window) {
      this.recorder = recorder;
      this.messages = messages;
      this.errors = errors;
      this.lastAnswer = lastAnswer;
      this.done = done;
      this.deadline = deadline;
      this.sendTimes = new long[window];
    }

    synchronized void open() {
      requests =
          ClientCalls.asyncBidiStreamingCall(channel.newCall(method, CallOptions.DEFAULT), this);
      for (int i = 0; i < sendTimes.length; i++) {
        send();
      }
    }

    private void send() {
      sendTimes[(head + inFlight) % sendTimes.length] = System.nanoTime();
      inFlight++;
      requests().onNext(request);
    }

    /** Set by {@link #open} under this lock, before the call can answer. */
    private StreamObserver<Q> requests() {
      StreamObserver<Q> opened = requests;
      if (opened == null) {
        throw new IllegalStateException("stream not open");
      }
      return opened;
    }

    @Override
    public synchronized void onNext(R response) {
      long now = System.nanoTime();
      recorder.recordValue(now - sendTimes[head]);
      head = (head + 1) % sendTimes.length;
      inFlight--;
      messages.incrementAndGet();
      lastAnswer.accumulateAndGet(now, Math::max);
      if (now - deadline < 0) {
        send();
      } else if (!closing) {
        closing = true;
        requests().onCompleted();
      }
    }

    @Override
    public void onError(Throwable t) {
      errors.incrementAndGet();
      done.countDown();
    }

    @Override
    public void onCompleted() {
      done.countDown();
    }
  }
}
