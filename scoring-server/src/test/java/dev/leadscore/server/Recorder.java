package dev.leadscore.server;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records what a client receives on a stream; optionally takes one message at a time (manual flow
 * control) so a test can play a slow consumer.
 */
final class Recorder<Req, T> implements ClientResponseObserver<Req, T> {
  private final List<T> values = new ArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private final int initialRequest;
  private volatile Throwable error;
  private ClientCallStreamObserver<Req> call;

  private Recorder(int initialRequest) {
    this.initialRequest = initialRequest;
  }

  /** Reads as fast as messages come. */
  static <Req, T> Recorder<Req, T> eager() {
    return new Recorder<>(-1);
  }

  /** Asks for {@code initial} messages, then only for what {@link #request} asks for. */
  static <Req, T> Recorder<Req, T> manual(int initial) {
    return new Recorder<>(initial);
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<Req> requestStream) {
    call = requestStream;
    if (initialRequest >= 0) {
      requestStream.disableAutoRequestWithInitial(initialRequest);
    }
  }

  void request(int count) {
    call.request(count);
  }

  void cancel() {
    call.cancel("test done", null);
  }

  @Override
  public synchronized void onNext(T value) {
    values.add(value);
    notifyAll();
  }

  @Override
  public synchronized void onError(Throwable t) {
    error = t;
    done.countDown();
    notifyAll();
  }

  @Override
  public synchronized void onCompleted() {
    done.countDown();
    notifyAll();
  }

  synchronized List<T> values() {
    return List.copyOf(values);
  }

  Throwable error() {
    return error;
  }

  /** Waits up to 10 s for the call to end; true if it completed without error. */
  boolean awaitCompletion() throws InterruptedException {
    return done.await(10, TimeUnit.SECONDS) && error == null;
  }

  /** Waits up to 10 s until the received messages satisfy {@code condition}. */
  synchronized List<T> await(Predicate<List<T>> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.test(values) && error == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("timed out; received " + values.size() + ": " + values);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    if (error != null) {
      throw new AssertionError("call failed", error);
    }
    return List.copyOf(values);
  }

  synchronized int count() {
    return values.size();
  }
}
