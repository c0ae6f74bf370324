package dev.leadscore.bench;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ProfileChange;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Head-of-line blocking on {@code StreamEvents}: while one client hammers one lead as fast as the
 * server takes it, other clients send events to other leads at a fixed rate and time each
 * acknowledgement. Reports the other leads' acknowledgement latency and what became of the hammer's
 * inputs. Bounded in time; loopback only. Not a test; run by hand, see docs/PERFORMANCE.md.
 *
 * <p>Hammer modes: {@code growth} sends every event with a new type and every other input a new
 * attribute, each with 1.5 KB of properties (a lead that grows without bound unless the server
 * bounds it); {@code churn} sends 1.5 KB events of one known type (a lead at its size limit,
 * rewritten on every event); {@code none} measures the other leads alone.
 *
 * <p>The other leads are reported in two groups: those that share the hammered lead's lane (the
 * server applies one lead's inputs in order on one of {@code LANES} threads, chosen by the hash of
 * its id, so they wait behind it by design) and all others, which should not notice it.
 *
 * <pre>java -cp scoring-bench/target/benchmarks.jar dev.leadscore.bench.LeadHammerLoad \
 *     PORT [SECONDS=20] [MODE=growth] [NORMAL_STREAMS=4] [EVENTS_PER_SECOND_PER_STREAM=100] \
 *     [LANES=8]</pre>
 */
public final class LeadHammerLoad {
  private static final String[] TYPES = {"page_view", "email_open", "email_click", "form_submit"};

  private LeadHammerLoad() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String mode = args.length > 2 ? args[2] : "growth";
    int streams = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    int rate = args.length > 4 ? Integer.parseInt(args[4]) : 100;
    int lanes = args.length > 5 ? Integer.parseInt(args[5]) : 8;
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port)
            .usePlaintext()
            .maxInboundMessageSize(256 * 1024 * 1024)
            .build();
    String run = Long.toString(System.currentTimeMillis(), 36);
    ScheduledExecutorService pacer = Executors.newScheduledThreadPool(streams);
    try {
      Recorder latencies = new Recorder(3);
      Recorder sameLane = new Recorder(3);
      String hammered = run + "-hammered";
      int hammerLane = lane(hammered, lanes);
      List<Normal> normals = new ArrayList<>();
      for (int s = 0; s < streams; s++) {
        normals.add(
            new Normal(
                channel,
                run + "-n" + s,
                lead ->
                    mode.equals("none") || lane(lead, lanes) != hammerLane ? latencies : sameLane));
      }
      Hammer hammer = mode.equals("none") ? null : new Hammer(channel, hammered, mode);
      // Warm-up: the normal leads alone, not counted; only events sent after it are timed.
      long periodMicros = 1_000_000L / rate;
      normals.forEach(
          n -> pacer.scheduleAtFixedRate(n::send, 0, periodMicros, TimeUnit.MICROSECONDS));
      Thread.sleep(10_000);
      long started = System.nanoTime();
      normals.forEach(n -> n.measureFrom = started);
      latencies.getIntervalHistogram();
      sameLane.getIntervalHistogram();
      if (hammer != null) {
        hammer.start();
      }
      Thread.sleep(seconds * 1000L);
      var histogram = latencies.getIntervalHistogram();
      var sameLaneHistogram = sameLane.getIntervalHistogram();
      double elapsed = (System.nanoTime() - started) / 1e9;
      pacer.shutdownNow();
      if (hammer != null) {
        hammer.stop();
      }
      normals.forEach(Normal::stop);
      long sent = normals.stream().mapToLong(n -> n.sent.get()).sum();
      long errors = normals.stream().mapToLong(n -> n.errors.get()).sum();
      System.out.printf(
          Locale.ROOT, "mode=%s seconds=%.0f: %d sent, %d errors%n", mode, elapsed, sent, errors);
      print("other lanes", histogram);
      if (hammer != null) {
        print("hammered lane", sameLaneHistogram);
      }
      if (hammer != null) {
        long size =
            ScoringServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .getLead(
                    GetLeadRequest.newBuilder()
                        .setLeadId(hammer.lead)
                        .setSkipExplanation(true)
                        .build())
                .getState()
                .getSerializedSize();
        System.out.printf(
            Locale.ROOT,
            "hammer: %d inputs sent, %d acknowledged, %d refused; stored lead %.1f MB%n",
            hammer.sent.get(),
            hammer.acknowledged.get(),
            hammer.refused.get(),
            size / 1e6);
      }
    } finally {
      pacer.shutdownNow();
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static void print(String group, org.HdrHistogram.Histogram histogram) {
    System.out.printf(
        Locale.ROOT,
        "  %-13s %6d acknowledged and timed: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        group,
        histogram.getTotalCount(),
        histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(90) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0,
        histogram.getMaxValue() / 1000.0);
  }

  /** The server's lane of a lead id: {@code LeadLanes}'s spreading of its hash. */
  private static int lane(String leadId, int lanes) {
    int hash = leadId.hashCode();
    return Math.floorMod(hash ^ (hash >>> 16), lanes);
  }

  /** One normal stream: an event to one of 1000 leads on each tick, its ack timed. */
  private static final class Normal implements StreamObserver<LeadScoreUpdate> {
    private final String prefix;
    private final java.util.function.Function<String, Recorder> latencies;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final StreamObserver<LeadEventMessage> requests;
    private volatile long measureFrom = Long.MAX_VALUE;

    Normal(
        ManagedChannel channel,
        String prefix,
        java.util.function.Function<String, Recorder> latencies) {
      this.prefix = prefix;
      this.latencies = latencies;
      this.requests = ScoringServiceGrpc.newStub(channel).streamEvents(this);
    }

    synchronized void send() {
      long i = sent.getAndIncrement();
      String id = prefix + "-" + i;
      long now = System.nanoTime();
      if (now - measureFrom >= 0) {
        sentAt.put(id, now);
      }
      requests.onNext(
          LeadEventMessage.newBuilder()
              .setLeadId(prefix + "-lead-" + (i % 1000))
              .setEvent(
                  LeadEvent.newBuilder()
                      .setId(id)
                      .setType(TYPES[(int) (i % TYPES.length)])
                      .setTime(Timestamps.fromMillis(System.currentTimeMillis() - 60_000)))
              .build());
    }

    synchronized void stop() {
      requests.onCompleted();
    }

    @Override
    public void onNext(LeadScoreUpdate update) {
      Long start = sentAt.remove(update.getEventId());
      if (update.hasError()) {
        errors.incrementAndGet();
      } else if (start != null) {
        latencies
            .apply(update.getLeadId())
            .recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
      }
    }

    @Override
    public void onError(Throwable t) {
      errors.incrementAndGet();
    }

    @Override
    public void onCompleted() {}
  }

  /** One stream sending to one lead while the call is ready. */
  private static final class Hammer
      implements ClientResponseObserver<LeadEventMessage, LeadScoreUpdate> {
    private final String lead;
    private final String mode;
    private final ManagedChannel channel;
    private final String payload = "x".repeat(1500);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private @Nullable ClientCallStreamObserver<LeadEventMessage> call;
    private volatile boolean stopping;

    Hammer(ManagedChannel channel, String lead, String mode) {
      this.channel = channel;
      this.lead = lead;
      this.mode = mode;
    }

    void start() {
      ScoringServiceGrpc.newStub(channel).streamEvents(this);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<LeadEventMessage> requestStream) {
      call = requestStream;
      requestStream.setOnReadyHandler(this::pump);
    }

    private synchronized void pump() {
      ClientCallStreamObserver<LeadEventMessage> call = this.call;
      if (call == null) {
        return;
      }
      while (!stopping && call.isReady()) {
        call.onNext(next(sent.getAndIncrement()));
      }
    }

    private LeadEventMessage next(long i) {
      LeadEventMessage.Builder message = LeadEventMessage.newBuilder().setLeadId(lead);
      if (mode.equals("growth") && i % 2 == 1) {
        return message
            .setProfile(
                ProfileChange.newBuilder()
                    .putSet(
                        "attribute_" + i,
                        Value.newBuilder().setStringValue(payload.substring(0, 1000)).build()))
            .build();
      }
      return message
          .setEvent(
              LeadEvent.newBuilder()
                  .setId("h" + i)
                  .setType(mode.equals("growth") ? "type_" + i : "page_view")
                  .setTime(Timestamps.fromMillis(System.currentTimeMillis() - 60_000))
                  .putProperties("payload", Value.newBuilder().setStringValue(payload).build()))
          .build();
    }

    void stop() throws InterruptedException {
      synchronized (this) {
        stopping = true;
        if (call != null) {
          call.onCompleted();
        }
      }
      done.await(60, TimeUnit.SECONDS);
    }

    @Override
    public void onNext(LeadScoreUpdate update) {
      (update.hasError() ? refused : acknowledged).incrementAndGet();
    }

    @Override
    public void onError(Throwable t) {
      done.countDown();
    }

    @Override
    public void onCompleted() {
      done.countDown();
    }
  }
}
