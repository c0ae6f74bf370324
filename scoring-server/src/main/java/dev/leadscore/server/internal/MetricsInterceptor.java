package dev.leadscore.server.internal;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Counts calls, their status codes, messages and latency per RPC method.
 *
 * <p>Design notes: the meters of every method of every service are registered when the server is
 * built ({@link #of}); a call only reads an immutable map and increments. A call finishes either by
 * {@code close} (any status the handler chose) or, when the client goes away first, by {@code
 * onCancel}; a field updater makes sure exactly one of them records it, without an extra object per
 * call.
 */
public final class MetricsInterceptor implements ServerInterceptor {
  private final Map<String, MethodMeters> meters;

  private MetricsInterceptor(Map<String, MethodMeters> meters) {
    this.meters = Map.copyOf(meters);
  }

  /** An interceptor with the meters of every method of {@code services} registered. */
  public static MetricsInterceptor of(
      List<ServerServiceDefinition> services, MeterRegistry registry) {
    Map<String, MethodMeters> meters = new HashMap<>();
    for (ServerServiceDefinition service : services) {
      for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
        MethodDescriptor<?, ?> descriptor = method.getMethodDescriptor();
        meters.put(descriptor.getFullMethodName(), new MethodMeters(descriptor, registry));
      }
    }
    return new MetricsInterceptor(meters);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    MethodMeters method = meters.get(call.getMethodDescriptor().getFullMethodName());
    if (method == null) {
      return next.startCall(call, headers);
    }
    method.started.increment();
    method.active.incrementAndGet();
    MeteredCall<Q, R> metered = new MeteredCall<>(call, method, System.nanoTime());
    return new MeteredListener<>(next.startCall(metered, headers), metered);
  }

  private static final class MeteredCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private static final AtomicIntegerFieldUpdater<MeteredCall<?, ?>> FINISHED =
        AtomicIntegerFieldUpdater.newUpdater(
            (Class<MeteredCall<?, ?>>) (Class<?>) MeteredCall.class, "finished");

    private final MethodMeters method;
    private final long startNanos;
    private volatile int finished;

    MeteredCall(ServerCall<Q, R> call, MethodMeters method, long startNanos) {
      super(call);
      this.method = method;
      this.startNanos = startNanos;
    }

    @Override
    public void sendMessage(R message) {
      method.sent.increment();
      super.sendMessage(message);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      finish(status.getCode());
      super.close(status, trailers);
    }

    void finish(Status.Code code) {
      if (FINISHED.compareAndSet(this, 0, 1)) {
        method.finished(code, startNanos);
      }
    }
  }

  private static final class MeteredListener<Q> extends SimpleForwardingServerCallListener<Q> {
    private final MeteredCall<Q, ?> call;

    MeteredListener(ServerCall.Listener<Q> listener, MeteredCall<Q, ?> call) {
      super(listener);
      this.call = call;
    }

    @Override
    public void onMessage(Q message) {
      call.method.received.increment();
      super.onMessage(message);
    }

    @Override
    public void onCancel() {
      call.finish(Status.Code.CANCELLED);
      super.onCancel();
    }
  }
}
