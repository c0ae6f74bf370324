package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import java.util.Optional;

/**
 * What a {@link LeadMutation} returns.
 *
 * @param next the state to store
 * @param transition a band change to append to the log; its {@code sequence} is assigned by the
 *     store
 * @since 0.1
 */
public record LeadUpdate(LeadState next, Optional<BandTransition> transition) {
  public LeadUpdate {
    requireNonNull(next, "next");
    requireNonNull(transition, "transition");
  }
}
