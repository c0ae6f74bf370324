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

/**
 * A closed loop of unary calls: {@code concurrency} calls in flight, each answered call replaced by
 * the next until the phase's time is up.
 */
final class UnaryDriver<Q, R> {
  private final Channel channel;
  private final MethodDescriptor<Q, R> method;
  private final Q request;

  UnaryDriver(Channel channel, MethodDescriptor<Q, R> method, Q request) {
    this.channel = channel;
    this.method = method;
    this.request = request;
  }

  Phase run(String name, int concurrency, long nanos) throws InterruptedException {
    Recorder recorder = new Recorder(3);
    AtomicLong calls = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong lastAnswer = new AtomicLong();
    CountDownLatch done = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    long deadline = start + nanos;
    for (int i = 0; i < concurrency; i++) {
      call(recorder, calls, errors, lastAnswer, done, deadline);
    }
    if (!done.await(nanos + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException(name + ": calls did not finish");
    }
    return new Phase(
        name,
        calls.get(),
        errors.get(),
        (lastAnswer.get() - start) / 1e9,
        recorder.getIntervalHistogram());
  }

  private void call(
      Recorder recorder,
      AtomicLong calls,
      AtomicLong errors,
      AtomicLong lastAnswer,
      CountDownLatch done,
      long deadline) {
    long sent = System.nanoTime();
    ClientCalls.asyncUnaryCall(
        channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)),
        request,
        new StreamObserver<R>() {
          @Override
          public void onNext(R response) {}

          @Override
          public void onError(Throwable t) {
            errors.incrementAndGet();
            next(System.nanoTime());
          }

          @Override
          public void onCompleted() {
            long now = System.nanoTime();
            recorder.recordValue(now - sent);
            calls.incrementAndGet();
            next(now);
          }

          private void next(long now) {
            lastAnswer.accumulateAndGet(now, Math::max);
            if (now - deadline < 0) {
              call(recorder, calls, errors, lastAnswer, done, deadline);
            } else {
              done.countDown();
            }
          }
        });
  }
}
