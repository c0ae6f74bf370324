package dev.leadscore.store.redis;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.store.rocksdb.RocksDbLeadStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Updates per second through lead stores, the same driver for each: {@code threads} callers per
 * store, each keeping up to {@code inflight} updates in flight over {@code leads} leads, every
 * {@code transitionEvery}-th update with a band transition, for {@code seconds}. Loopback only.
 *
 * <pre>
 * java -cp ... dev.leadscore.store.redis.StoreThroughput rocksdb 1 10
 * java -cp ... dev.leadscore.store.redis.StoreThroughput redis:127.0.0.1:7001,127.0.0.1:7002 2 10
 * </pre>
 *
 * Arguments: store ({@code rocksdb} or {@code redis:NODES}), stores (Redis only: that many store
 * instances, each with its own client, as replicas), seconds, and optionally waitReplicas.
 */
public final class StoreThroughput {
  private static final int LEADS = 1000;
  private static final int THREADS = 4;
  private static final int INFLIGHT = 16;
  private static final int TRANSITION_EVERY = 10;

  private StoreThroughput() {}

  public static void main(String[] args) throws Exception {
    String target = args[0];
    int instances = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    int waitReplicas = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    List<LeadStore> stores = new ArrayList<>();
    String prefix = "bench" + System.nanoTime();
    for (int i = 0; i < instances; i++) {
      if (target.equals("rocksdb")) {
        Path directory = Files.createTempDirectory("leadscore-bench");
        stores.add(RocksDbLeadStore.open(directory, LeadStoreConfig.defaults()));
      } else {
        List<String> nodes = Arrays.asList(target.substring("redis:".length()).split(","));
        stores.add(
            RedisLeadStore.open(
                RedisLeadStoreConfig.builder(nodes)
                    .keyPrefix(prefix)
                    .waitReplicas(waitReplicas)
                    .build(),
                LeadStoreConfig.defaults()));
      }
    }
    // Warm-up, then the measured run.
    run(stores, 2, new AtomicLong());
    AtomicLong failed = new AtomicLong();
    long updates = run(stores, seconds, failed);
    System.out.printf(
        "%s stores=%d waitReplicas=%d: %d updates in %d s = %.0f updates/s (%d failed)%n",
        target.startsWith("redis") ? "redis" : "rocksdb",
        instances,
        waitReplicas,
        updates,
        seconds,
        updates / (double) seconds,
        failed.get());
    stores.forEach(LeadStore::close);
  }

  private static long run(List<LeadStore> stores, int seconds, AtomicLong failed)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < stores.size(); s++) {
      LeadStore store = stores.get(s);
      for (int t = 0; t < THREADS; t++) {
        String name = "s" + s + "t" + t;
        Thread thread =
            new Thread(
                () -> {
                  Semaphore inflight = new Semaphore(INFLIGHT);
                  for (long i = 0; System.nanoTime() < deadline; i++) {
                    inflight.acquireUninterruptibly();
                    String lead = "lead-" + Math.floorMod((name + i).hashCode(), LEADS);
                    String event = name + "-" + i;
                    boolean transition = i % TRANSITION_EVERY == 0;
                    CompletableFuture<?> update =
                        store.update(
                            lead, event, current -> apply(current, lead, event, transition));
                    update.whenComplete(
                        (outcome, error) -> {
                          if (error == null) {
                            done.incrementAndGet();
                          } else {
                            failed.incrementAndGet();
                          }
                          inflight.release();
                        });
                  }
                  inflight.acquireUninterruptibly(INFLIGHT);
                });
        thread.start();
        threads.add(thread);
      }
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return done.get();
  }

  private static LeadUpdate apply(LeadState current, String lead, String event, boolean change) {
    LeadState next =
        LeadStates.withEvent(
            current,
            lead,
            LeadEvent.newBuilder()
                .setId(event)
                .setType("visit")
                .setTime(Timestamps.fromMillis(1_000))
                .build(),
            50);
    return new LeadUpdate(
        next,
        change
            ? Optional.of(BandTransition.newBuilder().setLeadId(lead).setToBand("hot").build())
            : Optional.empty());
  }
}
