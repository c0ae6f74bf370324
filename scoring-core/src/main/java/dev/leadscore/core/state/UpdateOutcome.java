package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

import dev.leadscore.proto.v1.LeadState;

/**
 * The result of {@link LeadStore#update}.
 *
 * @param duplicate the event id was already applied: nothing was written
 * @param state the stored state after the update (the unchanged state for a duplicate)
 * @param transitionSequence the sequence of the transition appended, 0 if none
 * @since 0.1
 */
public record UpdateOutcome(boolean duplicate, LeadState state, long transitionSequence) {
  public UpdateOutcome {
    requireNonNull(state, "state");
    if (transitionSequence < 0) {
      throw new IllegalArgumentException(
          "transitionSequence: " + transitionSequence + " (expected: >= 0)");
    }
  }
}
