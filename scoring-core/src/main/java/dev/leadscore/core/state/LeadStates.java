package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.EventTypeStats;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.ProfileChange;
import org.jspecify.annotations.Nullable;

/**
 * Applies changes to a {@link LeadState} within its bounds: the lead keeps at most {@code
 * maxEvents} events, the most recent by event time, ordered oldest first; per-type statistics count
 * every event ever applied. State holds no model-specific data except the last score per model
 * name, so any model version can score it.
 */
public final class LeadStates {
  /** The default number of events kept per lead. */
  public static final int DEFAULT_MAX_EVENTS_PER_LEAD = 1000;

  private LeadStates() {}

  /**
   * The state with {@code event} added: inserted in time order, the oldest event dropped beyond
   * {@code maxEvents}, its type's statistics updated.
   */
  public static LeadState withEvent(
      LeadState current, String leadId, LeadEvent event, int maxEvents) {
    LeadState.Builder next = current.toBuilder();
    addEvent(next, leadId, event, maxEvents);
    return next.build();
  }

  /** {@link #withEvent} on a builder, for callers that change more before building once. */
  public static void addEvent(
      LeadState.Builder state, String leadId, LeadEvent event, int maxEvents) {
    requireNonNull(event, "event");
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents: " + maxEvents + " (expected: >= 1)");
    }
    Lead.Builder lead = state.getLeadBuilder().setId(leadId);
    int index = lead.getEventsCount();
    while (index > 0
        && Timestamps.compare(lead.getEvents(index - 1).getTime(), event.getTime()) > 0) {
      index--;
    }
    lead.addEvents(index, event);
    while (lead.getEventsCount() > maxEvents) {
      lead.removeEvents(0);
    }
    EventTypeStats stats = state.getEventTypesOrDefault(event.getType(), null);
    state.putEventTypes(event.getType(), count(stats, event.getTime()));
    state.setChanges(state.getChanges() + 1);
  }

  /** The state with the profile change applied; a name both set and unset ends up removed. */
  public static LeadState withProfile(LeadState current, String leadId, ProfileChange change) {
    LeadState.Builder next = current.toBuilder();
    applyProfile(next, leadId, change);
    return next.build();
  }

  /** {@link #withProfile} on a builder, for callers that change more before building once. */
  public static void applyProfile(LeadState.Builder state, String leadId, ProfileChange change) {
    requireNonNull(change, "change");
    Lead.Builder lead = state.getLeadBuilder().setId(leadId);
    lead.putAllAttributes(change.getSetMap());
    for (String name : change.getUnsetList()) {
      lead.removeAttributes(name);
    }
    state.setChanges(state.getChanges() + 1);
  }

  private static EventTypeStats count(@Nullable EventTypeStats stats, Timestamp time) {
    if (stats == null) {
      return EventTypeStats.newBuilder().setCount(1).setFirst(time).setLast(time).build();
    }
    return stats.toBuilder()
        .setCount(stats.getCount() + 1)
        .setFirst(Timestamps.compare(time, stats.getFirst()) < 0 ? time : stats.getFirst())
        .setLast(Timestamps.compare(time, stats.getLast()) > 0 ? time : stats.getLast())
        .build();
  }
}
