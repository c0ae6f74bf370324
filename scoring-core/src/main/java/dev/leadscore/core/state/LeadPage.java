package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

import dev.leadscore.proto.v1.LeadState;
import java.util.List;

/**
 * One page of {@link LeadStore#scan}.
 *
 * @param leads the stored states, in the store's order; may be empty before the end of a scan
 * @param next the cursor of the next page; empty when the scan is complete
 * @since 0.3
 */
public record LeadPage(List<LeadState> leads, String next) {
  public LeadPage {
    leads = List.copyOf(leads);
    requireNonNull(next, "next");
  }

  /** Whether this is the last page of the scan. */
  public boolean last() {
    return next.isEmpty();
  }
}
