package dev.leadscore.server;

import static dev.leadscore.server.InProcessLeadscore.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.SetLabelRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Publishing and moving labels while scoring never fails a request or serves a phantom version. */
class PublishUnderLoadTest {
  private static final int SCORERS = 8;
  private static final int PUBLISHES = 10;

  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore();

  @Test
  void publishAndMoveStable_whileEightThreadsScore_noFailureAndOnlyPublishedVersions()
      throws Exception {
    Set<Long> existed = ConcurrentHashMap.newKeySet();
    existed.add(1L);
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong failures = new AtomicLong();
    AtomicLong scored = new AtomicLong();
    ExecutorService threads = Executors.newFixedThreadPool(SCORERS);
    List<Future<?>> scorers = new ArrayList<>();
    var scoring = ScoringServiceGrpc.newBlockingStub(leadscore.channel());
    ScoreRequest request = ScoreRequest.newBuilder().setLead(Leads.hotVp(NOW)).build();
    try {
      for (int i = 0; i < SCORERS; i++) {
        scorers.add(
            threads.submit(
                () -> {
                  while (running.get()) {
                    try {
                      ScoreResponse response =
                          scoring.withDeadlineAfter(5, TimeUnit.SECONDS).score(request);
                      seen.add(response.getModel().getVersion());
                      scored.incrementAndGet();
                    } catch (RuntimeException e) {
                      failures.incrementAndGet();
                    }
                  }
                }));
      }
      publishAndLabel(existed);
    } finally {
      running.set(false);
      for (Future<?> scorer : scorers) {
        scorer.get(10, TimeUnit.SECONDS);
      }
      threads.shutdownNow();
    }

    assertThat(failures.get()).isZero();
    assertThat(scored.get()).isGreaterThan(SCORERS);
    assertThat(existed).containsAll(seen);
    assertThat(seen).hasSizeGreaterThan(1);
  }

  private void publishAndLabel(Set<Long> existed) throws InterruptedException {
    var models = ModelServiceGrpc.newBlockingStub(leadscore.channel());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    for (int i = 1; i <= PUBLISHES && System.nanoTime() < deadline; i++) {
      long version =
          models
              .publishModel(
                  PublishModelRequest.newBuilder().setModel(Models.defaultWithBonus(i)).build())
              .getVersion()
              .getVersion();
      existed.add(version);
      if (i % 3 == 0) {
        models.setLabel(
            SetLabelRequest.newBuilder()
                .setName("b2b-default")
                .setLabel("stable")
                .setVersion(version - 1)
                .build());
      }
      Thread.sleep(50);
    }
  }
}
