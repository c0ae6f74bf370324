package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

import dev.leadscore.proto.v1.LeadState;
import java.util.List;

/**
 * The result of {@link LeadStore#update}.
 *
 * @param duplicate the event id was already applied: nothing was written
 * @param state the stored state after the update (the unchanged state for a duplicate)
 * @param transitionSequence the sequence of the transition appended, 0 if none
 * @param accountSequences for each of the update's {@link LeadUpdate#accountChanges()}, in order,
 *     the sequence of the account transition appended, 0 if none (or if the change was not
 *     applied); empty when the update changed no account
 * @since 0.1
 */
public record UpdateOutcome(
    boolean duplicate, LeadState state, long transitionSequence, List<Long> accountSequences) {
  public UpdateOutcome {
    requireNonNull(state, "state");
    if (transitionSequence < 0) {
      throw new IllegalArgumentException(
          "transitionSequence: " + transitionSequence + " (expected: >= 0)");
    }
    accountSequences = List.copyOf(accountSequences);
  }

  /** An outcome without account changes. */
  public UpdateOutcome(boolean duplicate, LeadState state, long transitionSequence) {
    this(duplicate, state, transitionSequence, List.of());
  }
}
