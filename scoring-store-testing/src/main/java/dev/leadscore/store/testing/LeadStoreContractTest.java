package dev.leadscore.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.state.LeadMutation;
import dev.leadscore.core.state.LeadPage;
import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link LeadStore} contract. A store implementation proves itself by extending this class in
 * its tests (depend on {@code dev.leadscore:scoring-store-testing} in {@code test} scope) and
 * implementing {@link #open}. The account tests ({@link AccountStoreContract}) run too, for stores
 * that keep accounts.
 */
public abstract class LeadStoreContractTest extends AccountStoreContract {
  private final List<LeadStore> opened = new ArrayList<>();

  /**
   * Opens the store under test. Every call in one test must reach the same stored data, so that a
   * test can close the store and open it again.
   */
  @Override
  protected abstract LeadStore open(LeadStoreConfig config);

  private LeadStore store(LeadStoreConfig config) {
    LeadStore store = open(config);
    opened.add(store);
    return store;
  }

  private LeadStore store() {
    return store(LeadStoreConfig.defaults());
  }

  @AfterEach
  public void closeStores() {
    opened.forEach(LeadStore::close);
  }

  @Test
  public void update_newLead_mutationSeesEmptyStateAndResultIsStored() {
    LeadStore store = store();
    List<LeadState> seen = new ArrayList<>();

    UpdateOutcome outcome =
        update(
            store,
            "lead-1",
            "e1",
            current -> {
              seen.add(current);
              return noTransition(withEvent(current, "lead-1", "e1"));
            });

    assertThat(seen).containsExactly(LeadState.getDefaultInstance());
    assertThat(outcome.duplicate()).isFalse();
    assertThat(outcome.transitionSequence()).isZero();
    assertThat(store.get("lead-1")).contains(outcome.state());
    assertThat(store.get("lead-2")).isEmpty();
  }

  @Test
  public void update_sameEventIdAgain_duplicateWithoutRunningMutation() {
    LeadStore store = store();
    update(store, "lead-1", "e1", current -> noTransition(withEvent(current, "lead-1", "e1")));
    AtomicInteger runs = new AtomicInteger();

    UpdateOutcome again =
        update(
            store,
            "lead-1",
            "e1",
            current -> {
              runs.incrementAndGet();
              return noTransition(withEvent(current, "lead-1", "e1"));
            });

    assertThat(again.duplicate()).isTrue();
    assertThat(runs).hasValue(0);
    assertThat(again.state().getLead().getEventsCount()).isEqualTo(1);
    assertThat(store.get("lead-1").orElseThrow().getLead().getEventsCount()).isEqualTo(1);
  }

  @Test
  public void update_sameEventIdOnAnotherLead_applied() {
    LeadStore store = store();
    update(store, "lead-1", "e1", current -> noTransition(withEvent(current, "lead-1", "e1")));

    assertThat(
            store
                .update("lead-2", "e1", current -> noTransition(withEvent(current, "lead-2", "e1")))
                .join()
                .duplicate())
        .isFalse();
  }

  @Test
  public void update_eventIdOlderThanLimit_forgottenAndAppliedAgain() {
    LeadStore store = store(new LeadStoreConfig(3, false));
    for (String id : List.of("e1", "e2", "e3", "e4")) {
      update(store, "lead-1", id, current -> noTransition(withEvent(current, "lead-1", id)));
    }

    assertThat(update(store, "lead-1", "e2", LeadStoreContractTest::counted).duplicate()).isTrue();
    assertThat(update(store, "lead-1", "e1", LeadStoreContractTest::counted).duplicate()).isFalse();
  }

  @Test
  public void update_emptyEventId_alwaysApplied() {
    LeadStore store = store();
    update(store, "lead-1", "", LeadStoreContractTest::counted);
    UpdateOutcome second = update(store, "lead-1", "", LeadStoreContractTest::counted);

    assertThat(second.duplicate()).isFalse();
    assertThat(second.state().getChanges()).isEqualTo(2);
  }

  @Test
  public void update_mutationThrows_nothingWrittenAndEventIdNotRemembered() {
    LeadStore store = store();

    assertThatThrownBy(
            () ->
                update(
                    store,
                    "lead-1",
                    "e1",
                    current -> {
                      throw new IllegalStateException("model failed");
                    }))
        .hasCauseInstanceOf(IllegalStateException.class);

    assertThat(store.get("lead-1")).isEmpty();
    assertThat(update(store, "lead-1", "e1", LeadStoreContractTest::counted).duplicate()).isFalse();
  }

  @Test
  public void update_withTransitions_appendedInSequenceAndReadInPages() {
    LeadStore store = store();
    for (int i = 1; i <= 5; i++) {
      String lead = "lead-" + i;
      UpdateOutcome outcome =
          update(store, lead, "e", current -> withTransition(counted(current), lead, "hot"));
      assertThat(outcome.transitionSequence()).isEqualTo(i);
    }

    assertThat(store.lastSequence()).isEqualTo(5);
    assertThat(store.transitions(0, 2))
        .extracting(BandTransition::getSequence, BandTransition::getLeadId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "lead-1"),
            org.assertj.core.groups.Tuple.tuple(2L, "lead-2"));
    assertThat(store.transitions(4, 10))
        .extracting(BandTransition::getSequence)
        .containsExactly(4L, 5L);
    assertThat(store.transitions(6, 10)).isEmpty();
  }

  @Test
  public void onAppend_listener_calledAfterEachAppendUntilClosed() throws Exception {
    LeadStore store = store();
    List<Long> seen = new ArrayList<>();
    AutoCloseable registration = store.onAppend(() -> seen.add(store.lastSequence()));

    update(store, "lead-1", "e1", current -> withTransition(counted(current), "lead-1", "warm"));
    update(store, "lead-1", "e2", LeadStoreContractTest::counted);
    registration.close();
    update(store, "lead-1", "e3", current -> withTransition(counted(current), "lead-1", "hot"));

    assertThat(seen).containsExactly(1L);
  }

  @Test
  @Timeout(10)
  public void onAppend_listenerThrows_storeKeepsWorking() {
    LeadStore store = store();
    store.onAppend(
        () -> {
          throw new IllegalStateException("listener bug");
        });

    update(store, "lead-1", "e1", current -> withTransition(counted(current), "lead-1", "warm"));
    UpdateOutcome next =
        update(store, "lead-1", "e2", current -> withTransition(counted(current), "lead-1", "hot"));

    assertThat(next.transitionSequence()).isEqualTo(2);
  }

  @Test
  public void update_concurrentOnOneLeadAndOnOthers_noUpdateLost() throws Exception {
    LeadStore store = store();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    update(store, "shared", "t" + thread + "-" + i, LeadStoreContractTest::counted);
                    update(
                        store,
                        "own-" + thread,
                        "",
                        current ->
                            withTransition(
                                counted(current), "own-" + thread, "b" + current.getChanges()));
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get(20, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(store.get("shared").orElseThrow().getChanges()).isEqualTo(800);
    assertThat(store.lastSequence()).isEqualTo(800);
    List<BandTransition> log = store.transitions(1, 1000);
    assertThat(log).extracting(BandTransition::getSequence).hasSize(800).isSorted();
    assertThat(log.get(799).getSequence()).isEqualTo(800);
  }

  @Test
  public void update_pipelinedWithoutWaiting_eachSeesThePreviousAndAllCompleteInOrder() {
    LeadStore store = store();
    List<Long> completed = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<UpdateOutcome>> futures = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      futures.add(
          store
              .update("lead-1", "e" + i, LeadStoreContractTest::counted)
              .whenComplete((outcome, error) -> completed.add(outcome.state().getChanges())));
    }
    futures.add(
        store
            .update("lead-1", "e5", LeadStoreContractTest::counted)
            .whenComplete((outcome, error) -> completed.add(outcome.duplicate() ? -1L : 0L)));
    futures.add(
        store
            .update(
                "lead-1",
                "e100",
                current -> {
                  throw new IllegalStateException("rejected");
                })
            .whenComplete((outcome, error) -> completed.add(error != null ? -2L : 0L)));
    futures.forEach(future -> future.exceptionally(error -> null).join());

    List<Long> expected = new ArrayList<>(LongStream.rangeClosed(1, 100).boxed().toList());
    expected.addAll(List.of(-1L, -2L));
    assertThat(completed).as("completion order").containsExactlyElementsOf(expected);
    assertThat(store.get("lead-1").orElseThrow().getChanges()).isEqualTo(100);
  }

  @Test
  public void delete_lead_erasesStateIdsAndItsTransitionsOnly() {
    LeadStore store = store();
    update(store, "lead-1", "e1", current -> withTransition(counted(current), "lead-1", "warm"));
    update(store, "lead-2", "e1", current -> withTransition(counted(current), "lead-2", "warm"));
    update(store, "lead-1", "e2", current -> withTransition(counted(current), "lead-1", "hot"));

    assertThat(store.delete("lead-1")).isEqualTo(2);

    assertThat(store.get("lead-1")).isEmpty();
    assertThat(store.transitions(0, 10))
        .extracting(BandTransition::getLeadId)
        .containsExactly("lead-2");
    assertThat(update(store, "lead-1", "e1", LeadStoreContractTest::counted).duplicate()).isFalse();
    assertThat(store.delete("no-such-lead")).isEqualTo(-1);
  }

  @Test
  public void delete_leadWhoseRecordCannotBeRead_erasesItAndTheLeadIsUsableAgain() {
    LeadStore store = store();
    update(store, "lead-1", "e1", current -> withTransition(counted(current), "lead-1", "warm"));
    // A value nested past protobuf's 100-level parse limit: what a server without value limits
    // could store. A store may refuse the write or keep it; either way it must stay erasable.
    LeadState poisoned = withValueNested(store.get("lead-1").orElseThrow(), 60);
    boolean written =
        store
            .update("lead-1", "e2", current -> noTransition(poisoned))
            .handle((outcome, failure) -> failure == null)
            .join();

    if (written) {
      assertThatThrownBy(() -> store.get("lead-1"))
          .isInstanceOfSatisfying(
              ScoringException.class,
              e -> assertThat(e.code()).isEqualTo(ScoringErrorCode.LEAD_UNREADABLE));
      // An update either fails, or (a store that continues from the state it has just written,
      // as the Redis store does while the lead has queued steps) leaves the lead as unreadable as
      // it was: never a lead quietly rebuilt from nothing.
      boolean updated =
          store
              .update("lead-1", "e3", LeadStoreContractTest::counted)
              .handle((outcome, failure) -> failure == null)
              .join();
      if (updated) {
        assertThatThrownBy(() -> store.get("lead-1"))
            .isInstanceOfSatisfying(
                ScoringException.class,
                e -> assertThat(e.code()).isEqualTo(ScoringErrorCode.LEAD_UNREADABLE));
      }
    }
    assertThat(store.delete("lead-1")).isEqualTo(1);
    assertThat(store.get("lead-1")).isEmpty();
    assertThat(update(store, "lead-1", "e1", LeadStoreContractTest::counted).duplicate()).isFalse();
    assertThat(store.get("lead-1").orElseThrow().getChanges()).isEqualTo(1);
  }

  @Test
  public void reopen_afterClose_stateIdsAndSequenceRecovered() {
    LeadStore first = store();
    update(first, "lead-1", "e1", current -> withTransition(counted(current), "lead-1", "warm"));
    update(first, "lead-2", "e1", current -> withTransition(counted(current), "lead-2", "hot"));
    first.delete("lead-2");
    first.close();
    opened.remove(first);

    LeadStore second = store();

    assertThat(second.get("lead-1").map(LeadState::getChanges)).isEqualTo(Optional.of(1L));
    assertThat(update(second, "lead-1", "e1", LeadStoreContractTest::counted).duplicate()).isTrue();
    assertThat(second.lastSequence()).as("an erased newest entry keeps its number").isEqualTo(2);
    assertThat(
            second
                .update(
                    "lead-3", "e1", current -> withTransition(counted(current), "lead-3", "hot"))
                .join()
                .transitionSequence())
        .isEqualTo(3);
  }

  @Test
  public void scan_emptyStore_endsWithoutLeads() {
    LeadStore store = store();

    assertThat(scanAll(store, 10)).isEmpty();
  }

  @Test
  public void scan_smallPages_everyStoredLeadOnceOrMoreAndNoDeletedOne() {
    LeadStore store = store();
    for (int i = 0; i < 250; i++) {
      String lead = "lead-" + i;
      update(store, lead, "e", current -> withTransition(named(current, lead), lead, "warm"));
    }
    for (int i = 0; i < 250; i += 25) {
      store.delete("lead-" + i);
    }

    List<LeadState> scanned = scanAll(store, 7);

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      if (i % 25 != 0) {
        expected.add("lead-" + i);
      }
    }
    assertThat(scanned.stream().map(state -> state.getLead().getId()).distinct())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(scanned)
        .allSatisfy(state -> assertThat(store.get(state.getLead().getId())).contains(state));
  }

  @Test
  public void scan_leadsWrittenBetweenPages_everyLeadStoredBeforeIsReturned() {
    LeadStore store = store();
    List<String> before = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String lead = "before-" + i;
      before.add(lead);
      update(store, lead, "e", current -> noTransition(withEvent(current, lead, "e")));
    }
    List<String> seen = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      LeadPage page = store.scan(cursor, 5);
      assertThat(page.leads()).hasSizeLessThanOrEqualTo(5);
      page.leads().forEach(state -> seen.add(state.getLead().getId()));
      String lead = "during-" + pages;
      update(store, lead, "e", current -> noTransition(withEvent(current, lead, "e")));
      update(store, before.get(pages % 60), "e" + pages, LeadStoreContractTest::counted);
      cursor = page.next();
      assertThat(++pages).as("pages").isLessThan(10_000);
    } while (!cursor.isEmpty());

    assertThat(seen).containsAll(before);
  }

  @Test
  public void scan_limitBelowOne_illegalArgument() {
    LeadStore store = store();

    assertThatThrownBy(() -> store.scan("", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  public void update_longHistory_everyEventAndIdKeptAcrossReopen() {
    // Long enough to fill the retained events (500) and ids (300) many times over, with some
    // events older than others already kept, so they land inside the retained history.
    LeadStoreConfig config = new LeadStoreConfig(300, false);
    LeadStore store = store(config);
    LeadState expected = LeadState.getDefaultInstance();
    for (int i = 0; i < 1_200; i++) {
      long time = i % 97 == 0 ? 1_000L * (i - 150) : 1_000L * i;
      LeadEvent event = event("e" + i, time);
      UpdateOutcome outcome =
          update(
              store,
              "lead-1",
              event.getId(),
              current -> noTransition(LeadStates.withEvent(current, "lead-1", event, 500)));
      expected = LeadStates.withEvent(expected, "lead-1", event, 500);
      assertThat(outcome.duplicate()).as("e%d applied", i).isFalse();
      if (i % 101 == 0) {
        assertThat(store.get("lead-1")).as("after e%d", i).contains(expected);
      }
    }
    assertThat(store.get("lead-1")).contains(expected);
    store.close();

    LeadStore reopened = store(config);
    assertThat(reopened.get("lead-1")).contains(expected);
    assertThat(scanAll(reopened, 10)).containsExactly(expected);
    // The last 300 ids are remembered (e900..e1199), older ones forgotten.
    assertThat(update(reopened, "lead-1", "e1199", LeadStoreContractTest::counted).duplicate())
        .isTrue();
    assertThat(update(reopened, "lead-1", "e900", LeadStoreContractTest::counted).duplicate())
        .isTrue();
    assertThat(update(reopened, "lead-1", "e899", LeadStoreContractTest::counted).duplicate())
        .isFalse();
  }

  @Test
  public void delete_leadWithLongHistory_recreatedLeadStartsEmpty() {
    LeadStore store = store();
    for (int i = 0; i < 300; i++) {
      LeadEvent event = event("e" + i, 1_000L * i);
      update(
          store,
          "lead-1",
          event.getId(),
          current -> noTransition(LeadStates.withEvent(current, "lead-1", event, 1_000)));
    }
    store.delete("lead-1");
    List<LeadState> seen = new ArrayList<>();

    update(
        store,
        "lead-1",
        "e0",
        current -> {
          seen.add(current);
          return noTransition(LeadStates.withEvent(current, "lead-1", event("e0", 5), 1_000));
        });

    assertThat(seen).containsExactly(LeadState.getDefaultInstance());
    assertThat(store.get("lead-1").orElseThrow().getLead().getEventsList())
        .containsExactly(event("e0", 5));
  }

  /** Every page of a scan, bounded so that a store that never ends its scan fails the test. */
  private static List<LeadState> scanAll(LeadStore store, int limit) {
    List<LeadState> leads = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      LeadPage page = store.scan(cursor, limit);
      assertThat(page.leads()).hasSizeLessThanOrEqualTo(limit);
      leads.addAll(page.leads());
      cursor = page.next();
      assertThat(++pages).as("pages").isLessThan(10_000);
    } while (!cursor.isEmpty());
    return leads;
  }

  private static UpdateOutcome update(
      LeadStore store, String leadId, String eventId, LeadMutation mutation) {
    return store.update(leadId, eventId, mutation).join();
  }

  private static LeadUpdate counted(LeadState current) {
    return noTransition(current.toBuilder().setChanges(current.getChanges() + 1).build());
  }

  /** Counted, and with the lead's id in the state, as the server stores it. */
  private static LeadUpdate named(LeadState current, String leadId) {
    LeadState.Builder next = counted(current).next().toBuilder();
    next.getLeadBuilder().setId(leadId);
    return noTransition(next.build());
  }

  private static LeadUpdate noTransition(LeadState next) {
    return new LeadUpdate(next, Optional.empty());
  }

  private static LeadUpdate withTransition(LeadUpdate update, String leadId, String band) {
    return new LeadUpdate(
        update.next(),
        Optional.of(BandTransition.newBuilder().setLeadId(leadId).setToBand(band).build()));
  }

  /** The state with an attribute whose value is {@code depth} lists inside each other. */
  private static LeadState withValueNested(LeadState current, int depth) {
    Value value = Value.newBuilder().setStringValue("deep").build();
    for (int i = 0; i < depth; i++) {
      value = Value.newBuilder().setListValue(ListValue.newBuilder().addValues(value)).build();
    }
    LeadState.Builder next = current.toBuilder();
    next.getLeadBuilder().putAttributes("deep", value);
    return next.build();
  }

  private static LeadEvent event(String id, long millis) {
    return LeadEvent.newBuilder()
        .setId(id)
        .setType("email_open")
        .setTime(Timestamps.fromMillis(millis))
        .build();
  }

  private static LeadState withEvent(LeadState current, String leadId, String eventId) {
    return LeadStates.withEvent(
        current,
        leadId,
        LeadEvent.newBuilder()
            .setId(eventId)
            .setType("email_open")
            .setTime(Timestamps.fromMillis(1_000))
            .build(),
        10);
  }
}
