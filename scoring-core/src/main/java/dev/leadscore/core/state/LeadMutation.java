package dev.leadscore.core.state;

import dev.leadscore.proto.v1.LeadState;

/**
 * Computes a lead's next state from its current one; run by {@link LeadStore#update} while it holds
 * the lead. Must not call the store.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface LeadMutation {

  /**
   * @param current the stored state, {@link LeadState#getDefaultInstance()} for a new lead
   */
  LeadUpdate apply(LeadState current);
}
