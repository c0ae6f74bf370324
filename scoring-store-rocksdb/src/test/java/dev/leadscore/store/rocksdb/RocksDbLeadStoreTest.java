package dev.leadscore.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.state.AccountChange;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.core.state.AccountUpdate;
import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.proto.v1.AccountMember;
import dev.leadscore.proto.v1.AccountState;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.store.rocksdb.proto.HistoryRef;
import dev.leadscore.store.rocksdb.proto.LeadRecord;
import dev.leadscore.store.testing.LeadStoreContractTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

class RocksDbLeadStoreTest extends LeadStoreContractTest {
  @TempDir Path directory;

  @Override
  protected LeadStore open(LeadStoreConfig config) {
    return RocksDbLeadStore.open(directory.resolve("data"), config);
  }

  @Test
  void open_directoryInUseByAnotherStore_failsNamingIt() {
    try (LeadStore first = open(LeadStoreConfig.defaults())) {
      assertThatThrownBy(() -> open(LeadStoreConfig.defaults()))
          .isInstanceOfSatisfying(
              ScoringException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ScoringErrorCode.STORE_FAILED);
                assertThat(e.getMessage())
                    .contains(directory.resolve("data").toString())
                    .contains("in use by another process")
                    .contains("--data")
                    .doesNotContain("LOCK");
              });
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

  @Test
  void update_syncWrites_storedAndRecovered() {
    try (LeadStore store = open(new LeadStoreConfig(10, true))) {
      store.update(
          "lead-1",
          "e1",
          current ->
              new LeadUpdate(
                  current.toBuilder().setChanges(7).build(), java.util.Optional.empty()));
    }
    try (LeadStore store = open(LeadStoreConfig.defaults())) {
      assertThat(store.get("lead-1").orElseThrow().getChanges()).isEqualTo(7);
    }
  }

  @Test
  void get_recordWrittenWholeBeforeHistoriesWereSplit_readAndContinued() throws Exception {
    LeadState whole = LeadState.getDefaultInstance();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      whole = LeadStates.withEvent(whole, "lead-1", event("e" + i, i), 1_000);
      ids.add("e" + i);
    }
    try (LeadTables tables = LeadTables.open(directory.resolve("data"), false);
        WriteBatch batch = new WriteBatch()) {
      tables.putLead(
          batch,
          "lead-1",
          LeadRecord.newBuilder().setState(whole).addAllAppliedEventIds(ids).build().toByteArray());
      tables.write(batch);
    }
    LeadState expected = LeadStates.withEvent(whole, "lead-1", event("e200", 200), 1_000);

    try (LeadStore store = open(LeadStoreConfig.defaults())) {
      assertThat(store.get("lead-1")).contains(whole);
      assertThat(
              store
                  .update("lead-1", "e5", current -> new LeadUpdate(current, Optional.empty()))
                  .join()
                  .duplicate())
          .isTrue();
      store
          .update(
              "lead-1",
              "e200",
              current ->
                  new LeadUpdate(
                      LeadStates.withEvent(current, "lead-1", event("e200", 200), 1_000),
                      Optional.empty()))
          .join();
    }
    try (LeadStore store = open(LeadStoreConfig.defaults())) {
      assertThat(store.get("lead-1")).contains(expected);
    }
  }

  @Test
  void get_historyMissing_unreadableAndDeleteErasesIt() throws Exception {
    try (LeadTables tables = LeadTables.open(directory.resolve("data"), false);
        WriteBatch batch = new WriteBatch()) {
      tables.putLead(
          batch,
          "lead-1",
          LeadRecord.newBuilder()
              .setHistory(HistoryRef.newBuilder().setGeneration(42))
              .build()
              .toByteArray());
      tables.write(batch);
    }

    try (LeadStore store = open(LeadStoreConfig.defaults())) {
      assertThatThrownBy(() -> store.get("lead-1"))
          .isInstanceOfSatisfying(
              ScoringException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ScoringErrorCode.LEAD_UNREADABLE);
                assertThat(e.getMessage()).contains("DeleteLead");
              });
      assertThat(store.delete("lead-1")).isZero();
      assertThat(store.get("lead-1")).isEmpty();
    }
  }

  private static LeadEvent event(String id, long seconds) {
    return LeadEvent.newBuilder()
        .setId(id)
        .setType("email_open")
        .setTime(Timestamps.fromSeconds(seconds))
        .build();
  }

  @Test
  void accounts_beyondTheMemoryBound_leastRecentlyUsedDroppedAndReadAgainFromDisk() {
    try (RocksDbLeadStore store =
        RocksDbLeadStore.open(directory.resolve("data"), LeadStoreConfig.defaults(), 8)) {
      for (String account : List.of("a", "b", "c", "d")) {
        for (int i = 0; i < 3; i++) {
          join(store, account, account + i, i);
        }
      }

      assertThat(store.cachedAccountWeightForTest()).isLessThanOrEqualTo(8);
      for (String account : List.of("a", "b", "c", "d")) {
        assertThat(
                store.readAccount(
                    new AccountKey("m", account),
                    (view, state) -> view.memberCount() + " " + state.getChanges()))
            .as(account)
            .contains("3 3");
      }
    }
  }

  private static void join(LeadStore store, String account, String leadId, double score) {
    store
        .update(
            leadId,
            "",
            current ->
                new LeadUpdate(
                    current.toBuilder().setChanges(1).build(),
                    Optional.empty(),
                    List.of(
                        new AccountChange(
                            new AccountKey("m", account),
                            leadId,
                            1,
                            Optional.of(
                                AccountMember.newBuilder()
                                    .setLeadId(leadId)
                                    .setVersion(1)
                                    .setScore(score)
                                    .build()),
                            (view, state) ->
                                new AccountUpdate(
                                    AccountState.newBuilder()
                                        .setAccountId(account)
                                        .setChanges(state.getChanges() + 1)
                                        .build(),
                                    Optional.empty())))))
        .join();
  }
}
