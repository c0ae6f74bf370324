package dev.leadscore.bench;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latency of one call against a store that already holds {@code LEADS} leads with ids {@code
 * PREFIX0 .. PREFIX(LEADS-1)} (as {@code leadscore simulate --seed S} writes them, prefix {@code
 * simS-}): {@code GetLead} of a random existing lead, one call at a time, then one {@code
 * StreamEvents} stream that sends one event for a random existing lead and waits for its answer
 * before the next. Each is warmed up with {@code CALLS} calls first, then {@code CALLS} are
 * measured; p50/p99/max are printed. One client, loopback only, every wait bounded (10 s a call).
 * The events it sends are stored: run it after the load, not before. Not a test; run by hand, see
 * docs/PERFORMANCE.md.
 *
 * <pre>java -cp scoring-bench/target/benchmarks.jar dev.leadscore.bench.StoreGrowthProbe \
 *     PORT PREFIX LEADS [CALLS=2000]</pre>
 */
public final class StoreGrowthProbe {
  private static final long CALL_SECONDS = 10;

  private StoreGrowthProbe() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String prefix = args[1];
    int leads = Integer.parseInt(args[2]);
    int calls = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    SplittableRandom random = new SplittableRandom(17);
    try {
      getLead(channel, prefix, leads, calls, random); // warm-up
      print("GetLead", getLead(channel, prefix, leads, calls, random));
      String run = Long.toString(System.currentTimeMillis(), 36) + "-";
      streamEvents(channel, prefix, leads, calls, random, run + "w"); // warm-up
      print("StreamEvents ack", streamEvents(channel, prefix, leads, calls, random, run));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static Histogram getLead(
      ManagedChannel channel, String prefix, int leads, int calls, SplittableRandom random) {
    Histogram histogram = new Histogram(3);
    ScoringServiceGrpc.ScoringServiceBlockingStub stub =
        ScoringServiceGrpc.newBlockingStub(channel);
    for (int i = 0; i < calls; i++) {
      GetLeadRequest request =
          GetLeadRequest.newBuilder().setLeadId(prefix + random.nextInt(leads)).build();
      long started = System.nanoTime();
      stub.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS).getLead(request);
      histogram.recordValue(System.nanoTime() - started);
    }
    return histogram;
  }

  private static Histogram streamEvents(
      ManagedChannel channel,
      String prefix,
      int leads,
      int calls,
      SplittableRandom random,
      String run)
      throws InterruptedException {
    Histogram histogram = new Histogram(3);
    BlockingQueue<Object> answers = new ArrayBlockingQueue<>(2);
    StreamObserver<LeadEventMessage> requests =
        ScoringServiceGrpc.newStub(channel)
            .withDeadlineAfter(CALL_SECONDS * 60, TimeUnit.SECONDS)
            .streamEvents(
                new StreamObserver<LeadScoreUpdate>() {
                  @Override
                  public void onNext(LeadScoreUpdate update) {
                    answers.add(update);
                  }

                  @Override
                  public void onError(Throwable t) {
                    answers.add(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    long now = System.currentTimeMillis();
    for (int i = 0; i < calls; i++) {
      LeadEventMessage message =
          LeadEventMessage.newBuilder()
              .setLeadId(prefix + random.nextInt(leads))
              .setEvent(
                  LeadEvent.newBuilder()
                      .setId("probe-" + run + i)
                      .setType("page_view")
                      .setTime(Timestamps.fromMillis(now)))
              .build();
      long started = System.nanoTime();
      requests.onNext(message);
      Object answer = answers.poll(CALL_SECONDS, TimeUnit.SECONDS);
      long took = System.nanoTime() - started;
      if (!(answer instanceof LeadScoreUpdate update) || update.hasError()) {
        requests.onError(new IllegalStateException("probe stopped"));
        throw new IllegalStateException("event " + i + ": " + answer);
      }
      histogram.recordValue(took);
    }
    requests.onCompleted();
    return histogram;
  }

  private static void print(String what, Histogram histogram) {
    System.out.printf(
        Locale.ROOT,
        "%-16s %d calls: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
        what,
        histogram.getTotalCount(),
        histogram.getValueAtPercentile(50) / 1e6,
        histogram.getValueAtPercentile(99) / 1e6,
        histogram.getMaxValue() / 1e6);
  }
}
