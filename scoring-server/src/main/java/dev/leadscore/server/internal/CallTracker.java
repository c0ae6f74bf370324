package dev.leadscore.server.internal;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthGrpc;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls a graceful shutdown waits for: every call in flight except health {@code Watch}
 * streams, which last as long as their client and are told {@code NOT_SERVING} instead. gRPC ends
 * every call with exactly one of {@code onComplete} or {@code onCancel}, so each call is counted
 * down once. Independent of metrics, so a server without meters drains the same way.
 */
public final class CallTracker implements ServerInterceptor {
  private static final String HEALTH_WATCH = HealthGrpc.getWatchMethod().getFullMethodName();

  private final AtomicInteger inFlight = new AtomicInteger();

  /** Calls in flight that a drain waits for. */
  public int callsToDrain() {
    return inFlight.get();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (call.getMethodDescriptor().getFullMethodName().equals(HEALTH_WATCH)) {
      return next.startCall(call, headers);
    }
    inFlight.incrementAndGet();
    ServerCall.Listener<Q> listener;
    try {
      listener = next.startCall(call, headers);
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      throw e;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onComplete() {
        inFlight.decrementAndGet();
        super.onComplete();
      }

      @Override
      public void onCancel() {
        inFlight.decrementAndGet();
        super.onCancel();
      }
    };
  }
}
