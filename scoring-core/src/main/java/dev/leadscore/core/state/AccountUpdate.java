package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

import dev.leadscore.proto.v1.AccountState;
import dev.leadscore.proto.v1.BandTransition;
import java.util.Optional;

/**
 * What an {@link AccountMutation} returns.
 *
 * @param next the account state to store
 * @param transition an account band change to append to the log (its {@code account_id} set); its
 *     {@code sequence} is assigned by the store
 * @since 0.3
 */
public record AccountUpdate(AccountState next, Optional<BandTransition> transition) {
  public AccountUpdate {
    requireNonNull(next, "next");
    requireNonNull(transition, "transition");
  }
}
