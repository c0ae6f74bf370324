package dev.leadscore.server.events;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.lead.LeadValidation;
import dev.leadscore.core.lead.OutcomeValidation;
import dev.leadscore.core.state.LeadOutcomes;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.proto.v1.LeadOutcome;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.RecordOutcomeRequest;
import dev.leadscore.proto.v1.RecordOutcomeResponse;
import dev.leadscore.server.internal.Requests;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Records outcomes of stored leads, from {@code RecordOutcome} and from {@code StreamEvents}.
 *
 * <p>An outcome is idempotent by its id as an event is, but the ids live in the lead's state (its
 * outcomes), not among the store's event ids: so an outcome id can never collide with an event id,
 * and the store's contract stays as it is. The mutation refuses an unknown lead and a known outcome
 * id by throwing, which the store answers without writing anything, in the lead's order.
 */
final class OutcomeRecorder {
  private final LeadStore store;
  private final Clock clock;

  OutcomeRecorder(LeadStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** {@code RecordOutcome}: returns once the outcome is durable. */
  RecordOutcomeResponse record(RecordOutcomeRequest request) {
    long now = clock.millis();
    List<FieldViolation> violations = new ArrayList<>(0);
    LeadValidation.checkLeadId(request.getLeadId(), violations);
    if (!request.hasOutcome()) {
      violations.add(new FieldViolation("outcome", "missing (expected: the lead's outcome)"));
    } else {
      OutcomeValidation.check(request.getOutcome(), "outcome", now, violations);
    }
    Requests.failOn(violations);
    try {
      Recorded recorded = apply(request.getLeadId(), request.getOutcome(), now).join();
      return RecordOutcomeResponse.newBuilder()
          .setDuplicate(recorded.duplicate())
          .setOutcome(recorded.outcome())
          .build();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** What happened to an outcome, and the lead's state after it. */
  record Recorded(boolean duplicate, LeadOutcome outcome, LeadState state) {}

  /**
   * Records a checked outcome through the store; completes once durable, or fails with {@link
   * ScoringErrorCode#LEAD_NOT_FOUND} for an unknown lead.
   */
  CompletableFuture<Recorded> apply(String leadId, LeadOutcome outcome, long now) {
    Mutation mutation = new Mutation(leadId, outcome, now);
    return store
        .update(leadId, "", mutation::apply)
        .handle(
            (updated, error) -> {
              Throwable cause =
                  error instanceof CompletionException && error.getCause() != null
                      ? error.getCause()
                      : error;
              if (cause instanceof Duplicate duplicate) {
                return new Recorded(true, duplicate.first, duplicate.state);
              }
              if (cause != null) {
                throw cause instanceof RuntimeException runtime
                    ? runtime
                    : new CompletionException(cause);
              }
              return new Recorded(false, mutation.stored(), updated.state());
            });
  }

  private static final class Mutation {
    private final String leadId;
    private final LeadOutcome outcome;
    private final long now;
    private volatile LeadOutcome stored;

    Mutation(String leadId, LeadOutcome outcome, long now) {
      this.leadId = leadId;
      this.outcome = outcome;
      this.now = now;
      this.stored = outcome;
    }

    LeadUpdate apply(LeadState current) {
      if (!current.hasLead()) {
        throw new ScoringException(
            ScoringErrorCode.LEAD_NOT_FOUND,
            "lead " + leadId + ": not found (an outcome needs a lead the server has events of)");
      }
      Optional<LeadOutcome> first = LeadOutcomes.find(current, outcome.getId());
      if (first.isPresent()) {
        throw new Duplicate(current, first.get());
      }
      LeadState.Builder next = current.toBuilder();
      stored = LeadOutcomes.add(next, outcome, now);
      return new LeadUpdate(next.build(), Optional.empty());
    }

    LeadOutcome stored() {
      return stored;
    }
  }

  /** The outcome id is recorded already: nothing is written. Carries what is stored. */
  private static final class Duplicate extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient LeadState state;
    private final transient LeadOutcome first;

    Duplicate(LeadState state, LeadOutcome first) {
      super("duplicate outcome", null, false, false);
      this.state = state;
      this.first = first;
    }
  }
}
