package dev.leadscore.store.rocksdb;

import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.store.rocksdb.proto.HistoryRef;
import dev.leadscore.store.rocksdb.proto.LeadHistory;
import dev.leadscore.store.rocksdb.proto.LeadRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * One lead as the store holds it: the whole {@link #state()} and applied ids an update works on,
 * and the two parts they are stored as — the {@link LeadRecord} under the lead's id, holding the
 * newest events and ids (the tail), and for a long history a {@link LeadHistory} holding the older
 * ones.
 *
 * <p>Why two parts: a lead keeps up to a thousand events and ids, and with one record every event
 * decoded and re-encoded all of them (about 90 % of the server's time per event for such a lead).
 * Now an event appends to the tail and, once the retained history is full, moves the history's
 * start forward by one ({@code event_skip}); only the tail is encoded. When the tail or the skipped
 * front passes {@link #TAIL_MAX} entries, the history is written again in full (a spill), leaving
 * the newest {@link #SPILL_KEEP} in the tail, so that cost is paid once every {@code TAIL_MAX -
 * SPILL_KEEP} events. An event older than everything in the tail is inserted inside the history,
 * which is then written again: the cost of the layout before the split, for late events only. A
 * lead that never had more than {@code TAIL_MAX} events or ids has no history and is stored exactly
 * as before the split.
 *
 * <p>The parts are written in one batch and carry the same random {@code generation}, so a reader
 * can tell a cached history from a stale one and a mismatch on disk from a consistent pair.
 */
final class StoredLead {
  /** Tail entries (events or ids) kept in the record, and front entries skipped, before a spill. */
  static final int TAIL_MAX = 64;

  /**
   * Newest entries a spill leaves in the record: an event that arrives a little late (older than
   * the newest ones, as when several streams carry one lead's events) then lands in the tail
   * instead of inside the history, which would have to be written again.
   */
  static final int SPILL_KEEP = 16;

  private final LeadRecord record;
  private final @Nullable LeadHistory history;
  private final LeadState state;
  private final List<String> appliedIds;
  // Write side: the history this version introduces (to be written), or that it has none any more.
  private final byte @Nullable [] historyBytes;
  private final boolean historyDropped;

  private StoredLead(
      LeadRecord record,
      @Nullable LeadHistory history,
      LeadState state,
      List<String> appliedIds,
      byte @Nullable [] historyBytes,
      boolean historyDropped) {
    this.record = record;
    this.history = history;
    this.state = state;
    this.appliedIds = appliedIds;
    this.historyBytes = historyBytes;
    this.historyDropped = historyDropped;
  }

  /**
   * The lead read back from its record and, if the record names one, its history.
   *
   * @throws IllegalArgumentException if they do not belong together: a history missing, of another
   *     generation, or shorter than the record skips
   */
  static StoredLead read(LeadRecord record, @Nullable LeadHistory history) {
    if (!record.hasHistory()) {
      return new StoredLead(
          record, null, record.getState(), record.getAppliedEventIdsList(), null, false);
    }
    HistoryRef ref = record.getHistory();
    if (history == null) {
      throw new IllegalArgumentException("its history is missing");
    }
    if (history.getGeneration() != ref.getGeneration()) {
      throw new IllegalArgumentException("its history belongs to another version of the record");
    }
    if (ref.getEventSkip() < 0
        || ref.getEventSkip() > history.getEventsCount()
        || ref.getIdSkip() < 0
        || ref.getIdSkip() > history.getAppliedEventIdsCount()) {
      throw new IllegalArgumentException("it skips more of its history than there is");
    }
    LeadState tail = record.getState();
    LeadState.Builder whole = tail.toBuilder();
    whole
        .getLeadBuilder()
        .clearEvents()
        .addAllEvents(live(history.getEventsList(), ref.getEventSkip()))
        .addAllEvents(tail.getLead().getEventsList());
    List<String> ids =
        concat(
            live(history.getAppliedEventIdsList(), ref.getIdSkip()),
            record.getAppliedEventIdsList());
    return new StoredLead(record, history, whole.build(), ids, null, false);
  }

  /**
   * The lead after an update to {@code state} and {@code appliedIds} (both whole, oldest first),
   * split into what is written: the record always, the history only when this update spills.
   */
  static StoredLead next(@Nullable StoredLead previous, LeadState state, List<String> appliedIds) {
    List<LeadEvent> events = state.getLead().getEventsList();
    LeadHistory history = previous == null ? null : previous.history;
    if (previous != null && history != null) {
      HistoryRef ref = previous.record.getHistory();
      int droppedEvents = continuation(history.getEventsList(), ref.getEventSkip(), events);
      int droppedIds = continuation(history.getAppliedEventIdsList(), ref.getIdSkip(), appliedIds);
      if (droppedEvents >= 0 && droppedIds >= 0) {
        int eventSkip = ref.getEventSkip() + droppedEvents;
        int idSkip = ref.getIdSkip() + droppedIds;
        int eventTail = events.size() - (history.getEventsCount() - eventSkip);
        int idTail = appliedIds.size() - (history.getAppliedEventIdsCount() - idSkip);
        if (eventSkip <= TAIL_MAX
            && idSkip <= TAIL_MAX
            && eventTail <= TAIL_MAX
            && idTail <= TAIL_MAX) {
          HistoryRef kept = ref.toBuilder().setEventSkip(eventSkip).setIdSkip(idSkip).build();
          LeadRecord record =
              LeadRecord.newBuilder()
                  .setState(
                      withEvents(state, events.subList(events.size() - eventTail, events.size())))
                  .addAllAppliedEventIds(
                      appliedIds.subList(appliedIds.size() - idTail, appliedIds.size()))
                  .setHistory(kept)
                  .build();
          return new StoredLead(record, history, state, appliedIds, null, false);
        }
      }
    }
    boolean hadHistory = history != null;
    if (events.size() <= TAIL_MAX && appliedIds.size() <= TAIL_MAX) {
      LeadRecord record =
          LeadRecord.newBuilder().setState(state).addAllAppliedEventIds(appliedIds).build();
      return new StoredLead(record, null, state, appliedIds, null, hadHistory);
    }
    long generation = ThreadLocalRandom.current().nextLong();
    int eventTail = Math.min(events.size(), SPILL_KEEP);
    int idTail = Math.min(appliedIds.size(), SPILL_KEEP);
    LeadHistory spilled =
        LeadHistory.newBuilder()
            .setGeneration(generation)
            .addAllEvents(events.subList(0, events.size() - eventTail))
            .addAllAppliedEventIds(appliedIds.subList(0, appliedIds.size() - idTail))
            .build();
    LeadRecord record =
        LeadRecord.newBuilder()
            .setState(withEvents(state, events.subList(events.size() - eventTail, events.size())))
            .addAllAppliedEventIds(
                appliedIds.subList(appliedIds.size() - idTail, appliedIds.size()))
            .setHistory(HistoryRef.newBuilder().setGeneration(generation))
            .build();
    return new StoredLead(record, spilled, state, appliedIds, spilled.toByteArray(), false);
  }

  /**
   * How {@code next} continues the live part of a stored list ({@code stored[skip:]}): the number
   * {@code d} of its front entries dropped, such that {@code next} starts with {@code stored[skip +
   * d:]}; -1 if it does not (an entry inserted or changed within it). Entries are compared by
   * identity first: an update keeps the objects it was given.
   */
  static <T> int continuation(List<T> stored, int skip, List<T> next) {
    int live = stored.size() - skip;
    if (live <= 0) {
      return 0;
    }
    if (next.isEmpty()) {
      return live;
    }
    T first = next.get(0);
    int dropped = 0;
    while (dropped < live && !same(stored.get(skip + dropped), first)) {
      dropped++;
    }
    int kept = live - dropped;
    if (next.size() < kept) {
      return -1;
    }
    for (int i = 1; i < kept; i++) {
      if (!same(stored.get(skip + dropped + i), next.get(i))) {
        return -1;
      }
    }
    return dropped;
  }

  private static boolean same(Object stored, Object next) {
    return stored == next || stored.equals(next);
  }

  private static LeadState withEvents(LeadState state, List<LeadEvent> events) {
    if (events.size() == state.getLead().getEventsCount()) {
      return state;
    }
    LeadState.Builder builder = state.toBuilder();
    Lead.Builder lead = builder.getLeadBuilder();
    lead.clearEvents().addAllEvents(events);
    return builder.build();
  }

  private static <T> List<T> live(List<T> stored, int skip) {
    return skip == 0 ? stored : stored.subList(skip, stored.size());
  }

  private static List<String> concat(List<String> first, List<String> second) {
    if (second.isEmpty()) {
      return first;
    }
    List<String> both = new ArrayList<>(first.size() + second.size());
    both.addAll(first);
    both.addAll(second);
    return Collections.unmodifiableList(both);
  }

  /** The record stored under the lead's id. */
  LeadRecord record() {
    return record;
  }

  /** The lead's history, if it has one. */
  @Nullable LeadHistory history() {
    return history;
  }

  /** The whole state: every retained event. */
  LeadState state() {
    return state;
  }

  /** The applied event ids remembered, oldest first. */
  List<String> appliedIds() {
    return appliedIds;
  }

  /** The serialized history to write with the record, when this version spilled. */
  byte @Nullable [] historyBytes() {
    return historyBytes;
  }

  /** Whether the stored history is to be deleted with this write (the lead fits the record). */
  boolean historyDropped() {
    return historyDropped;
  }
}
