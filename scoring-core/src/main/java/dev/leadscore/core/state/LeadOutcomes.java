package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.LeadOutcome;
import dev.leadscore.proto.v1.LeadState;
import java.util.Optional;

/**
 * Outcomes of a stored lead: recorded once per id, at most {@link #MAX_OUTCOMES_PER_LEAD} kept (the
 * oldest dropped), and read for evaluation as "converted" and "the first outcome".
 */
public final class LeadOutcomes {
  /** Outcomes kept per lead; a lead rarely has more than two (disqualified, later converted). */
  public static final int MAX_OUTCOMES_PER_LEAD = 16;

  private LeadOutcomes() {}

  /** The outcome of {@code state} with this id, if it is recorded. */
  public static Optional<LeadOutcome> find(LeadState state, String outcomeId) {
    for (LeadOutcome outcome : state.getOutcomesList()) {
      if (outcome.getId().equals(outcomeId)) {
        return Optional.of(outcome);
      }
    }
    return Optional.empty();
  }

  /**
   * Appends {@code outcome} with its {@code recorded} time set, dropping the oldest beyond the
   * bound; the caller has checked that its id is new.
   *
   * @return the outcome as stored
   */
  public static LeadOutcome add(LeadState.Builder state, LeadOutcome outcome, long nowMillis) {
    requireNonNull(outcome, "outcome");
    LeadOutcome stored = outcome.toBuilder().setRecorded(Timestamps.fromMillis(nowMillis)).build();
    state.addOutcomes(stored);
    while (state.getOutcomesCount() > MAX_OUTCOMES_PER_LEAD) {
      state.removeOutcomes(0);
    }
    return stored;
  }

  /** Whether any outcome of the lead is {@code CONVERTED}. */
  public static boolean converted(LeadState state) {
    for (LeadOutcome outcome : state.getOutcomesList()) {
      if (outcome.getKind() == LeadOutcome.Kind.CONVERTED) {
        return true;
      }
    }
    return false;
  }

  /** The earliest outcome by its time; empty for a lead without one. */
  public static Optional<LeadOutcome> first(LeadState state) {
    LeadOutcome first = null;
    for (LeadOutcome outcome : state.getOutcomesList()) {
      if (first == null || Timestamps.compare(outcome.getTime(), first.getTime()) < 0) {
        first = outcome;
      }
    }
    return Optional.ofNullable(first);
  }

  /**
   * The moment the lead's first outcome was known, as the server's clock counts: the earlier of its
   * time and when it was recorded, so that a score given after either is never taken as one given
   * before the outcome. {@link Long#MAX_VALUE} for a lead without an outcome.
   */
  public static long cutoffMillis(LeadState state) {
    long cutoff = Long.MAX_VALUE;
    for (LeadOutcome outcome : state.getOutcomesList()) {
      cutoff = Math.min(cutoff, Math.min(millis(outcome.getTime()), recordedMillis(outcome)));
    }
    return cutoff;
  }

  private static long recordedMillis(LeadOutcome outcome) {
    return outcome.hasRecorded() ? millis(outcome.getRecorded()) : Long.MAX_VALUE;
  }

  private static long millis(Timestamp time) {
    return time.getSeconds() * 1000L + time.getNanos() / 1_000_000;
  }
}
