package dev.leadscore.core.state;

/**
 * Settings shared by lead store implementations.
 *
 * @param maxEventIdsPerLead how many of a lead's most recently applied event ids are remembered to
 *     detect duplicates
 * @param sync whether each write waits for the disk (fsync) before it returns: durable against an
 *     operating-system crash or power loss, at the cost of throughput. Without it a write returns
 *     once it is in the store's write-ahead log in the operating system, which survives the process
 *     being killed (even with SIGKILL) but not a machine crash.
 * @since 0.1
 */
public record LeadStoreConfig(int maxEventIdsPerLead, boolean sync) {
  /** The default for {@link #maxEventIdsPerLead}. */
  public static final int DEFAULT_MAX_EVENT_IDS_PER_LEAD = 1000;

  public LeadStoreConfig {
    if (maxEventIdsPerLead < 1) {
      throw new IllegalArgumentException(
          "maxEventIdsPerLead: " + maxEventIdsPerLead + " (expected: >= 1)");
    }
  }

  /** Default ids per lead, no fsync per write. */
  public static LeadStoreConfig defaults() {
    return new LeadStoreConfig(DEFAULT_MAX_EVENT_IDS_PER_LEAD, false);
  }
}
