package dev.leadscore.bench;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.LeadEvent;
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
 * <p>Event times: {@code in-order} (the default) gives each event a later time than the one sent
 * before it, as behaviour events mostly arrive; {@code newest-first} sends each lead's events from
 * the newest back (every event older than all before it: each is inserted before the lead's
 * retained events), the pattern of the runs before 2026-11-28.
 *
 * <pre>java -cp scoring-bench/target/benchmarks.jar dev.leadscore.bench.EventStreamLoad \
 *     PORT[,PORT...] [EVENTS=1000000] [LEADS=100000] [STREAMS=4] [in-order|newest-first]</pre>
 */
public final class EventStreamLoad {
  private static final String[] TYPES = {
    "page_view", "email_open", "email_click", "pricing_page_view", "content_download", "form_submit"
  };

  private static boolean newestFirst;

  private EventStreamLoad() {}

  public static void main(String[] args) throws Exception {
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
    String order = args.length > 4 ? args[4] : "in-order";
    if (!order.equals("in-order") && !order.equals("newest-first")) {
      throw new IllegalArgumentException(
          "order: " + order + " (expected: in-order or newest-first)");
    }
    newestFirst = order.equals("newest-first");
    // Each run its own lead ids, so repeated runs against one shared store start from new leads.
    // -Dleadscore.bench.run=PREFIX names them instead (StoreGrowthProbe then finds them).
    String run =
        System.getProperty(
            "leadscore.bench.run", Long.toString(System.currentTimeMillis(), 36) + "-");
    try {
      run(channels, run + "warmup-", Math.min(events / 5, 200_000), leads, streams);
      double perSecond = run(channels, run, events, leads, streams);
      System.out.printf(
          "%d events, %d leads, %d streams over %d server(s): %.0f events/s%n",
          events, leads, streams, channels.size(), perSecond);
    } finally {
      for (ManagedChannel channel : channels) {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static double run(
      List<ManagedChannel> channels, String prefix, long events, int leads, int streams)
      throws InterruptedException {
    long now = System.currentTimeMillis();
    List<Stream> running = new ArrayList<>();
    long started = System.nanoTime();
    for (int s = 0; s < streams; s++) {
      Stream stream = new Stream(prefix, s, streams, events, leads, now);
      ScoringServiceGrpc.newStub(channels.get(s % channels.size())).streamEvents(stream);
      running.add(stream);
    }
    long acknowledged = 0;
    for (Stream stream : running) {
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

  /** Sends events {@code index, index + streams, ...} while the call is ready. */
  private static final class Stream
      implements ClientResponseObserver<LeadEventMessage, LeadScoreUpdate> {
    private final String prefix;
    private final int stride;
    private final long events;
    private final int leads;
    private final long now;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private @Nullable ClientCallStreamObserver<LeadEventMessage> call;
    private long next;
    private boolean completed;

    Stream(String prefix, int first, int stride, long events, int leads, long now) {
      this.prefix = prefix;
      this.next = first;
      this.stride = stride;
      this.events = events;
      this.leads = leads;
      this.now = now;
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
      while (call.isReady() && next < events) {
        call.onNext(message(next));
        next += stride;
      }
      if (next >= events && !completed) {
        completed = true;
        call.onCompleted();
      }
    }

    private LeadEventMessage message(long i) {
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

    @Override
    public void onNext(LeadScoreUpdate update) {
      if (update.hasError()) {
        errors.incrementAndGet();
      } else {
        acknowledged.incrementAndGet();
      }
    }

    @Override
    public void onError(Throwable t) {
      t.printStackTrace();
      errors.incrementAndGet();
      done.countDown();
    }

    @Override
    public void onCompleted() {
      done.countDown();
    }
  }
}
