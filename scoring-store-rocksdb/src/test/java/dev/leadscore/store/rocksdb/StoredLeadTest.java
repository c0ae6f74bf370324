package dev.leadscore.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.state.LeadStates;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.store.rocksdb.proto.LeadHistory;
import dev.leadscore.store.rocksdb.proto.LeadRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredLeadTest {
  private static final int MAX_EVENTS = 1_000;

  @Test
  void next_shortLead_oneRecordWithoutHistory() {
    StoredLead lead = apply(null, 0, StoredLead.TAIL_MAX);

    assertThat(lead.history()).isNull();
    assertThat(lead.historyBytes()).isNull();
    assertThat(lead.record().getState().getLead().getEventsCount()).isEqualTo(StoredLead.TAIL_MAX);
    assertThat(lead.record().getAppliedEventIdsCount()).isEqualTo(StoredLead.TAIL_MAX);
  }

  @Test
  void next_fullHistory_historyWrittenOncePerTailMaxLessKeptEvents() {
    StoredLead lead = apply(null, 0, 1_500);
    int spills = 0;
    int recordEvents = 0;

    for (int i = 1_500; i < 1_500 + 20 * StoredLead.TAIL_MAX; i++) {
      lead = apply(lead, i, 1);
      spills += lead.historyBytes() != null ? 1 : 0;
      recordEvents = Math.max(recordEvents, lead.record().getState().getLead().getEventsCount());
    }

    assertThat(lead.state().getLead().getEventsCount()).isEqualTo(MAX_EVENTS);
    int perSpill = StoredLead.TAIL_MAX - StoredLead.SPILL_KEEP;
    assertThat(spills)
        .isBetween(
            20 * StoredLead.TAIL_MAX / perSpill - 1, 20 * StoredLead.TAIL_MAX / perSpill + 1);
    assertThat(recordEvents).isLessThanOrEqualTo(StoredLead.TAIL_MAX);
  }

  @Test
  void next_thenRead_sameStateAndIds() {
    StoredLead lead = apply(null, 0, 1_234);
    for (int i = 1_234; i < 1_300; i++) {
      lead = apply(lead, i, 1);
      LeadHistory history = lead.history();
      StoredLead read = StoredLead.read(parse(lead.record()), history);

      assertThat(read.state()).isEqualTo(lead.state());
      assertThat(read.appliedIds()).isEqualTo(lead.appliedIds());
    }
  }

  @Test
  void next_eventInsertedInsideHistory_historyWrittenAgain() {
    StoredLead lead = apply(null, 0, 500);
    assertThat(lead.history()).isNotNull();
    LeadState older =
        LeadStates.withEvent(lead.state(), "lead-1", event("late", 250_500), MAX_EVENTS);

    StoredLead next = StoredLead.next(lead, older, lead.appliedIds());

    assertThat(next.historyBytes()).isNotNull();
    assertThat(StoredLead.read(parse(next.record()), next.history()).state()).isEqualTo(older);
  }

  @Test
  void next_eventSlightlyLateAfterSpill_landsInTheTail() {
    StoredLead lead = apply(null, 0, 1_000);
    for (int i = 1_000; lead.historyBytes() == null; i++) {
      lead = apply(lead, i, 1);
    }
    long newest = Timestamps.toMillis(lead.state().getLead().getEvents(999).getTime());
    LeadState late =
        LeadStates.withEvent(lead.state(), "lead-1", event("late", newest - 5_500), MAX_EVENTS);

    StoredLead next = StoredLead.next(lead, late, lead.appliedIds());

    assertThat(next.historyBytes()).isNull();
    assertThat(StoredLead.read(parse(next.record()), next.history()).state()).isEqualTo(late);
  }

  @Test
  void read_historyOfAnotherGeneration_refused() {
    StoredLead first = apply(null, 0, 200);
    StoredLead second = apply(null, 0, 200);

    assertThatThrownBy(() -> StoredLead.read(first.record(), second.history()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another version");
    assertThatThrownBy(() -> StoredLead.read(first.record(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void continuation_frontDroppedOrEntryInserted_countedOrRefused() {
    List<String> stored = List.of("a", "b", "c", "d");

    assertThat(StoredLead.continuation(stored, 1, List.of("b", "c", "d", "e"))).isZero();
    assertThat(StoredLead.continuation(stored, 1, List.of("c", "d", "e", "f"))).isEqualTo(1);
    assertThat(StoredLead.continuation(stored, 1, List.of("x", "y"))).isEqualTo(3);
    assertThat(StoredLead.continuation(stored, 1, List.of("b", "x", "c", "d"))).isEqualTo(-1);
    assertThat(StoredLead.continuation(stored, 1, List.of("b", "c"))).isEqualTo(-1);
  }

  /** {@code count} events e{from}… at one second apart, as the store applies them. */
  private static StoredLead apply(StoredLead previous, int from, int count) {
    StoredLead lead = previous;
    for (int i = from; i < from + count; i++) {
      LeadState current = lead == null ? LeadState.getDefaultInstance() : lead.state();
      LeadState next =
          LeadStates.withEvent(current, "lead-1", event("e" + i, 1_000L * i), MAX_EVENTS);
      List<String> ids = new ArrayList<>(lead == null ? List.of() : lead.appliedIds());
      ids.add("e" + i);
      if (ids.size() > MAX_EVENTS) {
        ids = new ArrayList<>(ids.subList(ids.size() - MAX_EVENTS, ids.size()));
      }
      lead = StoredLead.next(lead, next, ids);
    }
    return lead;
  }

  private static LeadEvent event(String id, long millis) {
    return LeadEvent.newBuilder()
        .setId(id)
        .setType("page_view")
        .setTime(Timestamps.fromMillis(millis))
        .build();
  }

  private static LeadRecord parse(LeadRecord record) {
    try {
      return LeadRecord.parseFrom(record.toByteArray());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
