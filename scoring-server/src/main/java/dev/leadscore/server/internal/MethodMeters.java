package dev.leadscore.server.internal;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one RPC method, registered once when the server is built so that recording a call
 * looks nothing up and builds no tags: one counter per status code, one latency histogram, message
 * counters and the gauge of calls in flight.
 */
public final class MethodMeters {
  static final String STARTED = "leadscore.grpc.server.started";
  static final String HANDLED = "leadscore.grpc.server.handled";
  static final String HANDLING = "leadscore.grpc.server.handling";
  static final String RECEIVED = "leadscore.grpc.server.msg.received";
  static final String SENT = "leadscore.grpc.server.msg.sent";
  static final String ACTIVE = "leadscore.grpc.server.active.calls";

  /**
   * Bucket bounds for call latency, 100 µs to 10 s in 1-2.5-5 steps: fine enough for SLOs on a
   * sub-millisecond service, and 16 series per method rather than the ~60 of Micrometer's default
   * percentile histogram, which keeps both the scrape and the per-call bucket search small.
   */
  static final Duration[] BUCKETS = buckets(100_000L, 10_000_000_000L);

  final Counter started;
  final Counter received;
  final Counter sent;
  final Timer handling;
  final AtomicInteger active = new AtomicInteger();
  private final MeterRegistry registry;
  private final Tags tags;
  // One slot per status code, filled on first use so scrapes list only codes that happened; a
  // race registers the same meter twice, which Micrometer answers with the one instance.
  private final Counter[] handledByCode = new Counter[Status.Code.values().length];

  MethodMeters(MethodDescriptor<?, ?> method, MeterRegistry registry) {
    this.registry = registry;
    this.tags =
        Tags.of(
            "grpc_service", String.valueOf(method.getServiceName()),
            "grpc_method", String.valueOf(method.getBareMethodName()),
            "grpc_type", method.getType().name());
    started = counter(STARTED, "Calls started.", tags, registry);
    received = counter(RECEIVED, "Messages received from clients.", tags, registry);
    sent = counter(SENT, "Messages sent to clients.", tags, registry);
    handling =
        Timer.builder(HANDLING)
            .description("Time from the start of a call to its status, whatever the status.")
            .tags(tags)
            .serviceLevelObjectives(BUCKETS)
            .register(registry);
    Gauge.builder(ACTIVE, active, AtomicInteger::get)
        .description("Calls in flight; for streaming methods, open streams.")
        .tags(tags)
        .register(registry);
    handled(Status.Code.OK);
  }

  /** Records a finished call; called exactly once per call. */
  void finished(Status.Code code, long startNanos) {
    handled(code).increment();
    handling.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    active.decrementAndGet();
  }

  private Counter handled(Status.Code code) {
    Counter counter = handledByCode[code.ordinal()];
    if (counter == null) {
      counter =
          counter(
              HANDLED,
              "Calls finished, by status code.",
              tags.and("grpc_code", code.name()),
              registry);
      handledByCode[code.ordinal()] = counter;
    }
    return counter;
  }

  /** 1, 2.5 and 5 times each power of ten from {@code fromNanos} up to {@code toNanos}. */
  static Duration[] buckets(long fromNanos, long toNanos) {
    List<Duration> bounds = new ArrayList<>();
    for (long decade = fromNanos; decade <= toNanos; decade *= 10) {
      bounds.add(Duration.ofNanos(decade));
      if (decade * 10 <= toNanos) {
        bounds.add(Duration.ofNanos(decade * 5 / 2));
        bounds.add(Duration.ofNanos(decade * 5));
      }
    }
    return bounds.toArray(new Duration[0]);
  }

  private static Counter counter(String name, String help, Tags tags, MeterRegistry registry) {
    return Counter.builder(name).description(help).tags(tags).register(registry);
  }
}
