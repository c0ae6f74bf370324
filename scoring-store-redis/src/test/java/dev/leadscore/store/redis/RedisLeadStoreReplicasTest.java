package dev.leadscore.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventOrBuilder;
import dev.leadscore.proto.v1.LeadState;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two stores with their own clients, as two server replicas sharing one cluster. */
class RedisLeadStoreReplicasTest {
  @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();

  private static final int LEADS = 100;
  private static final int EVENTS_PER_LEAD = 10;

  private final String prefix = "r" + Long.toHexString(ThreadLocalRandom.current().nextLong());
  private final List<LeadStore> opened = new ArrayList<>();

  private LeadStore open() {
    LeadStore store =
        RedisLeadStore.open(
            RedisLeadStoreConfig.builder(CLUSTER.nodes())
                .keyPrefix(prefix)
                .partitions(16)
                .sweepInterval(Duration.ofMillis(200))
                .build(),
            LeadStoreConfig.defaults());
    opened.add(store);
    return store;
  }

  @AfterEach
  void close() {
    opened.forEach(LeadStore::close);
  }

  @Test
  @Timeout(60)
  void update_sameLeadsAndEventsThroughTwoStoresAtOnce_eachEventAppliedExactlyOnce()
      throws Exception {
    List<LeadStore> stores = List.of(open(), open());
    AtomicInteger applied = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        LeadStore store = stores.get(t % 2);
        // Each store's two threads walk the leads from opposite ends; both stores send every event.
        boolean reverse = t >= 2;
        done.add(
            threads.submit(
                () -> {
                  List<CompletableFuture<UpdateOutcome>> pending = new ArrayList<>();
                  for (int i = 0; i < EVENTS_PER_LEAD; i++) {
                    for (int l = 0; l < LEADS; l++) {
                      String lead = "lead-" + (reverse ? LEADS - 1 - l : l);
                      String event = "e" + i;
                      pending.add(
                          store
                              .update(lead, event, current -> withEvent(current, lead, event))
                              .whenComplete(
                                  (outcome, error) -> {
                                    if (error == null && !outcome.duplicate()) {
                                      applied.incrementAndGet();
                                    }
                                  }));
                    }
                    pending.forEach(CompletableFuture::join);
                    pending.clear();
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get(50, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(applied).hasValue(LEADS * EVENTS_PER_LEAD);
    for (LeadStore reader : stores) {
      for (int l = 0; l < LEADS; l++) {
        LeadState state = reader.get("lead-" + l).orElseThrow();
        assertThat(state.getChanges()).isEqualTo(EVENTS_PER_LEAD);
        assertThat(state.getLead().getEventsList())
            .extracting(LeadEventOrBuilder::getId)
            .doesNotHaveDuplicates()
            .hasSize(EVENTS_PER_LEAD);
      }
    }
  }

  @Test
  @Timeout(30)
  void onAppend_transitionThroughStoreA_announcedAndReadableThroughStoreB() throws Exception {
    LeadStore a = open();
    LeadStore b = open();
    CountDownLatch announced = new CountDownLatch(1);
    b.onAppend(announced::countDown);

    long sequence =
        a.update("lead-1", "e1", current -> hot(current, "lead-1")).join().transitionSequence();

    assertThat(announced.await(10, TimeUnit.SECONDS)).as("B's listener called").isTrue();
    assertThat(b.lastSequence()).isGreaterThanOrEqualTo(sequence);
    assertThat(b.transitions(sequence, 10))
        .extracting(BandTransition::getSequence, BandTransition::getLeadId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(sequence, "lead-1"));
  }

  @Test
  @Timeout(30)
  void sweep_transitionLeftInOutboxByDeadProcess_relayedByAnotherStore() throws Exception {
    LeadStore store = open();
    CountDownLatch announced = new CountDownLatch(1);
    store.onAppend(announced::countDown);
    RedisKeys keys = new RedisKeys(prefix, 16);
    byte[] transition =
        BandTransition.newBuilder().setLeadId("orphan").setToBand("hot").build().toByteArray();

    // What a process that died between its state write and its relay leaves behind.
    RedisClusterClient client =
        RedisClusterClient.create(RedisURI.create("redis://" + CLUSTER.nodes().get(0)));
    try (StatefulRedisClusterConnection<byte[], byte[]> connection =
        client.connect(ByteArrayCodec.INSTANCE)) {
      connection
          .sync()
          .xadd(
              keys.outbox(keys.partitionOf("orphan")),
              (Object[])
                  new byte[][] {
                    bytes("l"), bytes("orphan"), bytes("t"), transition, bytes("o"), bytes("dead")
                  });
    } finally {
      client.shutdown();
    }

    assertThat(announced.await(10, TimeUnit.SECONDS)).as("relayed and announced").isTrue();
    assertThat(store.transitions(0, 10))
        .extracting(BandTransition::getLeadId, BandTransition::getSequence)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("orphan", 1L));
  }

  @Test
  @Timeout(30)
  void delete_throughStoreB_erasesWhatStoreAWrote() {
    LeadStore a = open();
    LeadStore b = open();
    a.update("lead-1", "e1", current -> hot(current, "lead-1")).join();
    a.update("lead-2", "e1", current -> hot(current, "lead-2")).join();

    assertThat(b.delete("lead-1")).isEqualTo(1);

    assertThat(a.get("lead-1")).isEmpty();
    assertThat(a.transitions(0, 10)).extracting(BandTransition::getLeadId).containsOnly("lead-2");
    assertThat(a.update("lead-1", "e1", current -> hot(current, "lead-1")).join().duplicate())
        .as("the erased lead forgot its event ids")
        .isFalse();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static LeadUpdate withEvent(LeadState current, String lead, String event) {
    return new LeadUpdate(
        LeadStates.withEvent(
            current,
            lead,
            LeadEvent.newBuilder()
                .setId(event)
                .setType("visit")
                .setTime(Timestamps.fromMillis(1_000))
                .build(),
            1000),
        Optional.empty());
  }

  private static LeadUpdate hot(LeadState current, String lead) {
    return new LeadUpdate(
        current.toBuilder().setChanges(current.getChanges() + 1).build(),
        Optional.of(BandTransition.newBuilder().setLeadId(lead).setToBand("hot").build()));
  }
}
