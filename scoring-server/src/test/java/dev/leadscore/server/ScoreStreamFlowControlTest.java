package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.registry.ModelSelector;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A client that stops reading responses makes the server stop reading requests. */
class ScoreStreamFlowControlTest {
  private static final int REQUESTS = 20_000;

  /** Counts how many requests the server has scored. */
  static final class CountingModelRegistry implements ModelRegistry {
    final AtomicInteger resolved = new AtomicInteger();
    private final ModelRegistry delegate;

    CountingModelRegistry(ModelRegistry delegate) {
      this.delegate = delegate;
    }

    @Override
    public Resolution resolve(ModelSelector selector) {
      resolved.incrementAndGet();
      return delegate.resolve(selector);
    }

    @Override
    public String defaultModelName() {
      return delegate.defaultModelName();
    }
  }

  @Test
  void scoreStream_clientNotReading_serverStopsScoringUntilItReads() throws Exception {
    CountingModelRegistry registry =
        new CountingModelRegistry(InProcessLeadscore.bundledRegistry());
    LeadscoreServer server =
        LeadscoreServer.builder(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)))
            .registry(registry)
            .build()
            .start();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      PausedClient client = new PausedClient();
      ScoringServiceGrpc.newStub(channel).scoreStream(client);
      ScoreRequest request =
          ScoreRequest.newBuilder().setLead(Leads.hotVp(InProcessLeadscore.NOW)).build();
      for (int i = 0; i < REQUESTS; i++) {
        client.requests.onNext(request);
      }
      client.requests.onCompleted();

      int scoredWhilePaused = awaitStable(registry.resolved);
      assertThat(scoredWhilePaused).isLessThan(REQUESTS / 2);

      client.requests.request(Integer.MAX_VALUE);
      assertThat(client.done.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(client.responses).hasSize(REQUESTS);
      assertThat(registry.resolved.get()).isEqualTo(REQUESTS);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  /** Waits until the count stops moving: the server has filled the transport windows and paused. */
  private static int awaitStable(AtomicInteger count) throws InterruptedException {
    int previous = -1;
    for (int i = 0; i < 100; i++) {
      Thread.sleep(100);
      int now = count.get();
      if (now == previous && now > 0) {
        return now;
      }
      previous = now;
    }
    return count.get();
  }

  /** Sends freely but reads no response until told to. */
  static final class PausedClient implements ClientResponseObserver<ScoreRequest, ScoreResponse> {
    final List<ScoreResponse> responses = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    ClientCallStreamObserver<ScoreRequest> requests;

    @Override
    public void beforeStart(ClientCallStreamObserver<ScoreRequest> requestStream) {
      requests = requestStream;
      requestStream.disableAutoRequestWithInitial(0);
    }

    @Override
    public void onNext(ScoreResponse value) {
      responses.add(value);
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
