package dev.leadscore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.registry.ModelEntry;
import dev.leadscore.core.registry.ModelStore;
import dev.leadscore.core.registry.RepositoryWatcher;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ExperimentArm;
import dev.leadscore.store.testing.ModelStoreContractTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The model store on a real Redis Cluster: the contract, and what replicas sharing it rely on. */
class RedisModelStoreTest extends ModelStoreContractTest {
  @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();

  /** Each test its own namespace; every store a test opens (a replica) shares it. */
  private final String prefix = "m" + Long.toHexString(ThreadLocalRandom.current().nextLong());

  @Override
  protected ModelStore open(Map<String, byte[]> bundled) {
    return RedisModelStore.open(
        RedisLeadStoreConfig.builder(CLUSTER.nodes()).keyPrefix(prefix).build(),
        COMPILER,
        bundled,
        Clock.systemUTC());
  }

  @Test
  void publish_twoReplicasExpectingTheSameLatest_exactlyOneWins() throws Exception {
    try (ModelStore first = open(Map.of());
        ModelStore second = open(Map.of())) {
      first.publish(model("acme", 20), OptionalLong.empty());
      second.refresh();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(8);
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ModelStore replica = i % 2 == 0 ? first : second;
        int points = 30 + i;
        Callable<String> publish =
            () -> {
              start.await();
              try {
                return "version "
                    + replica.publish(model("acme", points), OptionalLong.of(1)).version();
              } catch (ScoringException e) {
                return e.code().name();
              }
            };
        outcomes.add(threads.submit(publish));
      }
      start.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> outcome : outcomes) {
        results.add(outcome.get(30, TimeUnit.SECONDS));
      }
      threads.shutdown();

      assertThat(results).containsOnlyOnce("version 2");
      assertThat(results).filteredOn("CONFLICT"::equals).hasSize(7);
      first.refresh();
      second.refresh();
      assertThat(first.model("acme").orElseThrow().versions()).containsOnlyKeys(1L, 2L);
      assertThat(second.model("acme").orElseThrow().versions()).containsOnlyKeys(1L, 2L);
    }
  }

  @Test
  void refresh_everyHalfSecond_otherReplicaServesAPublishWithinOneSecond() throws Exception {
    try (ModelStore writer = open(Map.of());
        ModelStore reader = open(Map.of());
        RepositoryWatcher watcher = RepositoryWatcher.start(reader, Duration.ofMillis(500))) {
      long started = System.nanoTime();
      writer.publish(model("acme", 20), OptionalLong.empty());
      writer.setLabel("acme", "stable", 1);

      while (!reader.model("acme").map(e -> e.labels().containsKey("stable")).orElse(false)) {
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(1));
        Thread.sleep(10);
      }
      assertThat(reader.model("acme").orElseThrow().versions().get(1L).document())
          .isEqualTo(model("acme", 20));
    }
  }

  @Test
  void deleteLabel_racingAnExperimentOnItThroughAnotherReplica_neverAnExperimentWithoutItsLabel()
      throws Exception {
    try (ModelStore first = open(Map.of());
        ModelStore second = open(Map.of());
        ModelStore observer = open(Map.of())) {
      first.publish(model("acme", 20), OptionalLong.empty());
      first.publish(model("acme", 30), OptionalLong.empty());
      ExecutorService threads = Executors.newFixedThreadPool(2);
      for (int round = 0; round < 20; round++) {
        first.setLabel("acme", "stable", 1);
        CountDownLatch start = new CountDownLatch(1);
        Future<?> delete =
            threads.submit(
                () -> {
                  start.await();
                  return ignoringConflicts(() -> first.deleteLabel("acme", "stable"));
                });
        Future<?> experiment =
            threads.submit(
                () -> {
                  start.await();
                  return ignoringConflicts(() -> second.setExperiment(experiment()));
                });
        start.countDown();
        delete.get(30, TimeUnit.SECONDS);
        experiment.get(30, TimeUnit.SECONDS);

        observer.refresh();
        ModelEntry entry = observer.model("acme").orElseThrow();
        if (entry.experiment() != null) {
          assertThat(entry.labels()).as("round " + round).containsKey("stable");
          second.deleteExperiment("acme");
        }
        assertThat(entry.problems()).isEmpty();
      }
      threads.shutdown();
    }
  }

  @Test
  void open_noClusterListening_failsWithStoreFailedNamingTheNodes() {
    assertThatThrownBy(
            () ->
                RedisModelStore.open(
                    RedisLeadStoreConfig.builder(List.of("127.0.0.1:1"))
                        .connectTimeout(Duration.ofMillis(500))
                        .build(),
                    COMPILER,
                    Map.of(),
                    Clock.systemUTC()))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScoringErrorCode.STORE_FAILED);
              assertThat(e.getMessage()).startsWith("cannot reach Redis Cluster at 127.0.0.1:1");
            });
  }

  private static Object ignoringConflicts(Callable<?> change) throws Exception {
    try {
      return change.call();
    } catch (ScoringException e) {
      // Either side may lose the race: a deleted label fails the experiment (INVALID_REQUEST),
      // an experiment on the label fails its deletion (CONFLICT).
      assertThat(e.code()).isIn(ScoringErrorCode.CONFLICT, ScoringErrorCode.INVALID_REQUEST);
      return e.code();
    }
  }

  private static Experiment experiment() {
    return Experiment.newBuilder()
        .setModel("acme")
        .setChampion(ExperimentArm.newBuilder().setLabel("stable"))
        .setChallenger(ExperimentArm.newBuilder().setVersion(2))
        .setChallengerPercent(10)
        .build();
  }
}
