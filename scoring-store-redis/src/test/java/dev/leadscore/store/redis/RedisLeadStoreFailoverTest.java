package dev.leadscore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventOrBuilder;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A primary killed with SIGKILL while writers run, its replica taking over, the killed node
 * restarted as the new primary's replica: the store recovers by itself, and acknowledged updates
 * lost are counted (none may be with {@code waitReplicas = 1}: the promoted replica is the one that
 * confirmed them).
 */
class RedisLeadStoreFailoverTest {
  @RegisterExtension static final RedisClusterExtension CLUSTER = new RedisClusterExtension(1000);

  private static final int LEADS = 60;
  private static final int WRITERS = 4;
  private static final long RUN_MILLIS = 8000;
  private static final long KILL_AT_MILLIS = 1500;

  /**
   * One run: updates acknowledged, of those lost, updates failed; from the kill, when the replica
   * had taken over and when the last update failed (-1: never); the error of the final probe update
   * after the run, empty if it succeeded.
   */
  record Run(
      long acknowledged,
      long lost,
      long failed,
      long failoverMillis,
      long lastFailureMillis,
      String probeError) {}

  @AfterEach
  void restoreCluster() throws Exception {
    CLUSTER.restartStopped();
  }

  @Test
  @Timeout(90)
  void primaryKilled_acknowledgedOnPrimaryOnly_storeRecoversAndLossIsCounted() throws Exception {
    Run run = run(0);

    System.out.println("failover without waitReplicas: " + run);
    assertThat(run.acknowledged()).isPositive();
    assertThat(run.failoverMillis()).as("replica took over").isNotNegative();
    assertThat(run.probeError()).as("recovered by itself").isEmpty();
  }

  @Test
  @Timeout(90)
  void primaryKilled_waitForOneReplica_noAcknowledgedUpdateLost() throws Exception {
    Run run = run(1);

    System.out.println("failover with waitReplicas=1: " + run);
    assertThat(run.acknowledged()).isPositive();
    assertThat(run.lost()).as("acknowledged updates lost").isZero();
    assertThat(run.failoverMillis()).as("replica took over").isNotNegative();
    assertThat(run.probeError()).as("recovered by itself").isEmpty();
  }

  private Run run(int waitReplicas) throws Exception {
    String prefix = "f" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    RedisLeadStoreConfig config =
        RedisLeadStoreConfig.builder(CLUSTER.nodes())
            .keyPrefix(prefix)
            .partitions(16)
            .waitReplicas(waitReplicas)
            .waitTimeout(Duration.ofMillis(500))
            .commandTimeout(Duration.ofSeconds(1))
            .build();
    RedisKeys keys = new RedisKeys(prefix, 16);
    int victim =
        CLUSTER.primaryOf(SlotHash.getSlot(keys.lead(keys.partitionOf("lead-0"), "lead-0")));
    ConcurrentHashMap<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
    AtomicLong failed = new AtomicLong();
    AtomicLong lastFailure = new AtomicLong(-1);
    try (RedisLeadStore store = RedisLeadStore.open(config, LeadStoreConfig.defaults())) {
      long start = System.nanoTime();
      ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(
            threads.submit(
                () -> {
                  for (long i = 0; elapsed(start) < RUN_MILLIS; i++) {
                    String lead = "lead-" + ((i * WRITERS + writer) % LEADS);
                    String event = "w" + writer + "-" + i;
                    try {
                      UpdateOutcome outcome =
                          store
                              .update(lead, event, current -> withEvent(current, lead, event))
                              .join();
                      if (!outcome.duplicate()) {
                        acknowledged
                            .computeIfAbsent(lead, l -> ConcurrentHashMap.newKeySet())
                            .add(event);
                      }
                    } catch (RuntimeException e) {
                      failed.incrementAndGet();
                      lastFailure.accumulateAndGet(elapsed(start), Math::max);
                    }
                  }
                }));
      }
      Thread.sleep(KILL_AT_MILLIS);
      CLUSTER.kill(victim);
      long killedAt = elapsed(start);
      // Once its replica has taken over, the killed node comes back (as a supervisor would restart
      // it) and becomes the new primary's replica: with waitReplicas the shard needs one.
      int slot = SlotHash.getSlot(keys.lead(keys.partitionOf("lead-0"), "lead-0"));
      long failover = -1;
      while (elapsed(start) - killedAt < 20_000) {
        if (failedOver(slot, victim)) {
          failover = elapsed(start) - killedAt;
          break;
        }
        Thread.sleep(50);
      }
      CLUSTER.restartStopped();
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
      threads.shutdown();
      String probeError = probe(store, start);
      long lost = 0;
      long total = 0;
      for (var entry : acknowledged.entrySet()) {
        Set<String> stored = new HashSet<>();
        read(store, entry.getKey(), start).getLead().getEventsList().stream()
            .map(LeadEventOrBuilder::getId)
            .forEach(stored::add);
        total += entry.getValue().size();
        lost += entry.getValue().stream().filter(event -> !stored.contains(event)).count();
      }
      long lastFailureAfterKill = lastFailure.get() < 0 ? -1 : lastFailure.get() - killedAt;
      return new Run(total, lost, failed.get(), failover, lastFailureAfterKill, probeError);
    }
  }

  private static boolean failedOver(int slot, int victim) throws Exception {
    try {
      return CLUSTER.primaryOf(slot) != victim;
    } catch (IllegalStateException e) {
      return false; // the slot has no healthy primary yet
    }
  }

  /** Updates a lead after the run, retrying for up to 30 s; the last error, or "". */
  private static String probe(RedisLeadStore store, long start) throws InterruptedException {
    long deadline = elapsed(start) + 30_000;
    String error = "";
    while (elapsed(start) < deadline) {
      try {
        store.update("lead-0", "", current -> withEvent(current, "lead-0", "probe")).join();
        return "";
      } catch (RuntimeException e) {
        error = String.valueOf(StoreFailures.unwrap(e));
        Thread.sleep(100);
      }
    }
    return error;
  }

  /** The lead, read again while the cluster settles (a read may meet CLUSTERDOWN for a while). */
  private static dev.leadscore.proto.v1.LeadState read(
      RedisLeadStore store, String lead, long start) throws Exception {
    long deadline = elapsed(start) + 20_000;
    while (true) {
      try {
        return store.get(lead).orElseThrow();
      } catch (RuntimeException e) {
        if (elapsed(start) > deadline) {
          throw new AssertionError(
              "still failing: " + CLUSTER.cli(CLUSTER.ports().get(0), "cluster", "nodes"), e);
        }
        Thread.sleep(100);
      }
    }
  }

  private static long elapsed(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static LeadUpdate withEvent(
      dev.leadscore.proto.v1.LeadState current, String lead, String event) {
    return new LeadUpdate(
        LeadStates.withEvent(
            current,
            lead,
            LeadEvent.newBuilder()
                .setId(event)
                .setType("visit")
                .setTime(Timestamps.fromMillis(1_000))
                .build(),
            100_000),
        Optional.empty());
  }
}
