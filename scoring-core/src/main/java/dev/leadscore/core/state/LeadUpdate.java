package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link LeadMutation} returns.
 *
 * @param next the state to store
 * @param transition a band change to append to the log; its {@code sequence} is assigned by the
 *     store
 * @param accountChanges the lead's changes to the accounts it belongs to (at most one per account),
 *     written with the lead by a store that {@link LeadStore#supportsAccounts() keeps accounts} and
 *     ignored by one that does not
 * @since 0.1
 */
public record LeadUpdate(
    LeadState next, Optional<BandTransition> transition, List<AccountChange> accountChanges) {
  public LeadUpdate {
    requireNonNull(next, "next");
    requireNonNull(transition, "transition");
    accountChanges = List.copyOf(accountChanges);
  }

  /** An update that changes no account. */
  public LeadUpdate(LeadState next, Optional<BandTransition> transition) {
    this(next, transition, List.of());
  }
}
