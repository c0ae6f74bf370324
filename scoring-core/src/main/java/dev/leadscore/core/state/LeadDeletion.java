package dev.leadscore.core.state;

import dev.leadscore.proto.v1.LeadState;
import java.util.List;

/**
 * Computes the account changes of erasing a lead (it leaves every account it belongs to); run by
 * {@link LeadStore#delete(String, LeadDeletion)} while the store holds the lead.
 *
 * @since 0.3
 */
@FunctionalInterface
public interface LeadDeletion {

  /**
   * @param current the lead's last state
   * @return a removal ({@link AccountChange#member()} empty) per account the lead belongs to
   */
  List<AccountChange> accountChanges(LeadState current);
}
