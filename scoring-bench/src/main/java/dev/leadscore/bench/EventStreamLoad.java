package dev.leadscore.bench;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventBatch;
import dev.leadscore.proto.v1.LeadEventBatchResult;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A bounded load client for {@code StreamEvents}: sends a fixed number of events over a few
 * concurrent streams, as fast as the server takes them (flow-controlled), and reports events per
 * second from the first send to the last acknowledgement. With several ports (server replicas on
 * one shared store), the streams are spread over them in turn, each replica over its own channel.
 * Not a test; run by hand, see docs/PERFORMANCE.md.
 *
 * <p>With {@code --batch N} (N > 1) the events go over {@code StreamEventBatches}, N per message,
 * and each event of a result counts as acknowledged.
 *
 * <p>Event times: by default each event has a later time than the one sent before it, as behaviour
 * events mostly arrive; {@code --order newest-first} sends each lead's events from the newest back
 * (every event older than all before it, so each is inserted before the lead's retained events),
 * the pattern of the runs before 2026-11-28. {@code -Dleadscore.bench.run=PREFIX} names the run's
 * leads {@code PREFIXlead-0 ...} (for {@code StoreGrowthProbe}) instead of a prefix from the clock.
 *
 * <pre>java -cp scoring-bench/target/benchmarks.jar dev.leadscore.bench.EventStreamLoad \
 *     PORT[,PORT...] [EVENTS=1000000] [LEADS=100000] [STREAMS=4] [--batch N] \
 *     [--order in-order|newest-first]</pre>
 */
public final class EventStreamLoad {
  private static final String[] TYPES = {
    "page_view", "email_open", "email_click", "pricing_page_view", "content_download", "form_submit"
  };

  private EventStreamLoad() {}

  public static void main(String[] arguments) throws Exception {
    List<String> positional = new ArrayList<>(List.of(arguments));
    int batch = 1;
    int flag = positional.indexOf("--batch");
    if (flag >= 0) {
      batch = Integer.parseInt(positional.get(flag + 1));
      positional.subList(flag, flag + 2).clear();
    }
    boolean newestFirst = false;
    int order = positional.indexOf("--order");
    if (order >= 0) {
      String value = positional.get(order + 1);
      if (!value.equals("in-order") && !value.equals("newest-first")) {
        throw new IllegalArgumentException(
            "--order: " + value + " (expected: in-order or newest-first)");
      }
      newestFirst = value.equals("newest-first");
      positional.subList(order, order + 2).clear();
    }
    String[] args = positional.toArray(String[]::new);
    List<ManagedChannel> channels = new ArrayList<>();
    for (String port : args[0].split(",")) {
      channels.add(
          NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(port))
              .usePlaintext()
              .build());
    }
    long events = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    int leads = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int streams = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    // Each run its own lead ids, so repeated runs against one shared store start from new leads.
    String run =
        System.getProperty(
            "leadscore.bench.run", Long.toString(System.currentTimeMillis(), 36) + "-");
    try {
      run(
          channels,
          run + "warmup-",
          Math.min(events / 5, 200_000),
          leads,
          streams,
          batch,
          newestFirst);
      double perSecond = run(channels, run, events, leads, streams, batch, newestFirst);
      System.out.printf(
          "%d events, %d leads, %d streams over %d server(s), %d per message: %.0f events/s%n",
          events, leads, streams, channels.size(), batch, perSecond);
    } finally {
      for (ManagedChannel channel : channels) {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static double run(
      List<ManagedChannel> channels,
      String prefix,
      long events,
      int leads,
      int streams,
      int batch,
      boolean newestFirst)
      throws InterruptedException {
    long now = System.currentTimeMillis();
    List<Counts> running = new ArrayList<>();
    long started = System.nanoTime();
    for (int s = 0; s < streams; s++) {
      Events source = new Events(prefix, s, streams, events, leads, now, newestFirst);
      var stub = ScoringServiceGrpc.newStub(channels.get(s % channels.size()));
      if (batch > 1) {
        BatchStream stream = new BatchStream(source, batch);
        stub.streamEventBatches(stream);
        running.add(stream);
      } else {
        Stream stream = new Stream(source);
        stub.streamEvents(stream);
        running.add(stream);
      }
    }
    long acknowledged = 0;
    for (Counts stream : running) {
      if (!stream.done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("stream did not finish");
      }
      if (stream.errors.get() > 0) {
        throw new IllegalStateException(stream.errors.get() + " inputs failed");
      }
      acknowledged += stream.acknowledged.get();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return acknowledged / seconds;
  }

  /** The events of one stream: {@code first, first + stride, ...} below {@code events}. */
  private static final class Events {
    private final String prefix;
    private final int stride;
    private final long events;
    private final int leads;
    private final long now;
    private final boolean newestFirst;
    private long next;

    Events(
        String prefix,
        int first,
        int stride,
        long events,
        int leads,
        long now,
        boolean newestFirst) {
      this.prefix = prefix;
      this.next = first;
      this.stride = stride;
      this.events = events;
      this.leads = leads;
      this.now = now;
      this.newestFirst = newestFirst;
    }

    boolean hasNext() {
      return next < events;
    }

    LeadEventMessage next() {
      long i = next;
      next += stride;
      return LeadEventMessage.newBuilder()
          .setLeadId(prefix + "lead-" + (i % leads))
          .setEvent(
              LeadEvent.newBuilder()
                  .setId(prefix + i)
                  .setType(TYPES[(int) (i % TYPES.length)])
                  .setTime(
                      Timestamps.fromMillis(
                          newestFirst ? now - 60_000L * (i % 5_000) : now - 10L * (events - i))))
          .build();
    }
  }

  /** What one stream counts; finished once the server completes or fails the call. */
  private abstract static class Counts {
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final CountDownLatch done = new CountDownLatch(1);

    void count(LeadScoreUpdate update) {
      if (update.hasError()) {
        errors.incrementAndGet();
      } else {
        acknowledged.incrementAndGet();
      }
    }

    public void onError(Throwable t) {
      t.printStackTrace();
      errors.incrementAndGet();
      done.countDown();
    }

    public void onCompleted() {
      done.countDown();
    }
  }

  /** {@code StreamEvents}: one event per message, sent while the call is ready. */
  private static final class Stream extends Counts
      implements ClientResponseObserver<LeadEventMessage, LeadScoreUpdate> {
    private final Events source;
    private @Nullable ClientCallStreamObserver<LeadEventMessage> call;
    private boolean completed;

    Stream(Events source) {
      this.source = source;
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
      while (call.isReady() && source.hasNext()) {
        call.onNext(source.next());
      }
      if (!source.hasNext() && !completed) {
        completed = true;
        call.onCompleted();
      }
    }

    @Override
    public void onNext(LeadScoreUpdate update) {
      count(update);
    }
  }

  /** {@code StreamEventBatches}: {@code size} events per message, sent while the call is ready. */
  private static final class BatchStream extends Counts
      implements ClientResponseObserver<LeadEventBatch, LeadEventBatchResult> {
    private final Events source;
    private final int size;
    private @Nullable ClientCallStreamObserver<LeadEventBatch> call;
    private boolean completed;

    BatchStream(Events source, int size) {
      this.source = source;
      this.size = size;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<LeadEventBatch> requestStream) {
      call = requestStream;
      requestStream.setOnReadyHandler(this::pump);
    }

    private synchronized void pump() {
      ClientCallStreamObserver<LeadEventBatch> call = this.call;
      if (call == null) {
        return;
      }
      while (call.isReady() && source.hasNext()) {
        LeadEventBatch.Builder batch = LeadEventBatch.newBuilder();
        for (int i = 0; i < size && source.hasNext(); i++) {
          batch.addInputs(source.next());
        }
        call.onNext(batch.build());
      }
      if (!source.hasNext() && !completed) {
        completed = true;
        call.onCompleted();
      }
    }

    @Override
    public void onNext(LeadEventBatchResult result) {
      if (result.hasError()) {
        errors.incrementAndGet();
      }
      result.getUpdatesList().forEach(this::count);
    }
  }
}
