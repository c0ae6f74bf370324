package dev.leadscore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.store.testing.LeadStoreContractTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisLeadStoreTest extends LeadStoreContractTest {
  @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();

  /** Each test its own namespace; every store a test opens shares it. */
  private final String prefix = "t" + Long.toHexString(ThreadLocalRandom.current().nextLong());

  @Override
  protected LeadStore open(LeadStoreConfig config) {
    return RedisLeadStore.open(
        RedisLeadStoreConfig.builder(CLUSTER.nodes()).keyPrefix(prefix).partitions(16).build(),
        config);
  }

  @Test
  void open_noClusterListening_failsWithStoreFailedNamingTheNodes() {
    assertThatThrownBy(
            () ->
                RedisLeadStore.open(
                    RedisLeadStoreConfig.builder(List.of("127.0.0.1:1"))
                        .connectTimeout(Duration.ofMillis(500))
                        .build(),
                    LeadStoreConfig.defaults()))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScoringErrorCode.STORE_FAILED);
              assertThat(e.getMessage()).startsWith("cannot reach Redis Cluster at 127.0.0.1:1");
            });
  }

  @Test
  void scan_cursorNotHandedOutOrNamingForeignKeys_refused() {
    try (LeadStore store = open(LeadStoreConfig.defaults())) {
      byte[] foreign = "{other:p1}:lead:x".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      String forged =
          "0:0:"
              + java.util.Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(
                      java.nio.ByteBuffer.allocate(4 + foreign.length)
                          .putInt(foreign.length)
                          .put(foreign)
                          .array());

      assertThatThrownBy(() -> store.scan("nonsense", 10))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not one of this store's");
      assertThatThrownBy(() -> store.scan(forged, 10)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void open_otherPartitionCount_refusedBecauseLeadsWouldBeLost() {
    open(LeadStoreConfig.defaults()).close();

    assertThatThrownBy(
            () ->
                RedisLeadStore.open(
                    RedisLeadStoreConfig.builder(CLUSTER.nodes())
                        .keyPrefix(prefix)
                        .partitions(32)
                        .build(),
                    LeadStoreConfig.defaults()))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "the Redis lead store was created with 16 partitions, not 32 (the"
                            + " partition count cannot change)"));
  }

  @Test
  void update_recordOverLimit_failsAndWritesNothing() {
    try (LeadStore store =
        RedisLeadStore.open(
            RedisLeadStoreConfig.builder(CLUSTER.nodes())
                .keyPrefix(prefix)
                .partitions(16)
                .maxRecordBytes(1024)
                .build(),
            LeadStoreConfig.defaults())) {
      String large = "x".repeat(2000);

      assertThatThrownBy(
              () ->
                  store
                      .update(
                          "lead-1",
                          "e1",
                          current ->
                              new LeadUpdate(
                                  current.toBuilder()
                                      .setLead(Lead.newBuilder().setId(large))
                                      .build(),
                                  Optional.empty()))
                      .join())
          .hasCauseInstanceOf(ScoringException.class)
          .hasMessageContaining("lead lead-1: stored record of 20")
          .hasMessageContaining("bytes (expected: <= 1024)");
      assertThat(store.get("lead-1")).isEmpty();
    }
  }

  @Test
  void transitions_beyondLogLimit_oldestTrimmedAndErasureStillExact() {
    try (LeadStore store =
        RedisLeadStore.open(
            RedisLeadStoreConfig.builder(CLUSTER.nodes())
                .keyPrefix(prefix)
                .partitions(16)
                .maxLogEntries(3)
                .build(),
            LeadStoreConfig.defaults())) {
      for (int i = 1; i <= 5; i++) {
        String band = "b" + i;
        store
            .update(
                i % 2 == 0 ? "even" : "odd",
                "e" + i,
                current ->
                    new LeadUpdate(
                        current,
                        Optional.of(
                            BandTransition.newBuilder().setLeadId("x").setToBand(band).build())))
            .join();
      }

      assertThat(store.transitions(0, 10))
          .extracting(BandTransition::getSequence)
          .containsExactly(3L, 4L, 5L);
      assertThat(store.delete("odd")).as("entries 3 and 5 remain of odd's").isEqualTo(2);
      assertThat(store.transitions(0, 10))
          .extracting(BandTransition::getSequence)
          .containsExactly(4L);
      assertThat(store.lastSequence()).isEqualTo(5);
    }
  }

  @Test
  void calls_afterClose_failWithStoreFailed() {
    LeadStore store = open(LeadStoreConfig.defaults());
    store.close();
    store.close();

    assertThatThrownBy(() -> store.get("lead-1"))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> assertThat(e.code()).isEqualTo(ScoringErrorCode.STORE_FAILED));
    assertThatThrownBy(() -> store.delete("lead-1")).isInstanceOf(ScoringException.class);
  }
}
