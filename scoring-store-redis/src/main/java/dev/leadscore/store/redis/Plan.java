package dev.leadscore.store.redis;

import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.store.redis.proto.LeadRecord;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What one step of a lead's queue does, decided on a {@link Base}. */
sealed interface Plan {

  /** A lead's stored record and the token it was written with; both empty when absent. */
  record Base(@Nullable LeadRecord record, String version) {
    static final Base ABSENT = new Base(null, "");

    LeadState state() {
      return record == null ? LeadState.getDefaultInstance() : record.getState();
    }

    boolean applied(String eventId) {
      return record != null
          && !eventId.isEmpty()
          && record.getAppliedEventIdsList().contains(eventId);
    }
  }

  /** The event id was applied already: answer, write nothing. */
  record Duplicate(UpdateOutcome outcome) implements Plan {}

  /** The mutation threw or its result is out of bounds: fail, write nothing. */
  record Failed(RuntimeException error) implements Plan {}

  /** Write {@code record} as version {@code version}, and append {@code transition} if any. */
  record Write(
      LeadRecord record,
      byte[] bytes,
      String version,
      LeadState state,
      @Nullable BandTransition transition,
      byte @Nullable [] transitionBytes)
      implements Plan {}

  /** Erase the lead. */
  record Erase() implements Plan {}

  /** The record after applying {@code state} with {@code eventId}, keeping the newest ids. */
  static LeadRecord nextRecord(
      @Nullable LeadRecord record, LeadState state, String eventId, int maxEventIds) {
    LeadRecord.Builder next =
        record == null ? LeadRecord.newBuilder() : record.toBuilder().clearState();
    next.setState(state);
    if (!eventId.isEmpty()) {
      next.addAppliedEventIds(eventId);
      int excess = next.getAppliedEventIdsCount() - maxEventIds;
      if (excess > 0) {
        List<String> kept =
            new ArrayList<>(
                next.getAppliedEventIdsList().subList(excess, next.getAppliedEventIdsCount()));
        next.clearAppliedEventIds().addAllAppliedEventIds(kept);
      }
    }
    return next.build();
  }
}
