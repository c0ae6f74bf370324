package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

/**
 * Whether a {@link LeadStore} can take writes now, as {@link LeadStore#health()} reports it; the
 * server's health service follows it.
 *
 * @param serving whether writes are accepted
 * @param reason why not, in words a client may see (e.g. {@code lead store cannot write: no space
 *     left on device (retrying)}); empty when serving
 * @since 0.3
 */
public record StoreHealth(boolean serving, String reason) {
  /** Writes are accepted. */
  public static final StoreHealth SERVING = new StoreHealth(true, "");

  public StoreHealth {
    requireNonNull(reason, "reason");
  }

  /** Writes are refused for {@code reason}. */
  public static StoreHealth notServing(String reason) {
    return new StoreHealth(false, reason);
  }
}
