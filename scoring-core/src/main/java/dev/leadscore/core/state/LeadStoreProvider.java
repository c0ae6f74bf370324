package dev.leadscore.core.state;

/**
 * Opens a {@link LeadStore} from a location such as {@code rocksdb:/var/lib/leadscore} or {@code
 * redis://10.0.0.1:7000,10.0.0.2:7000}. Each store module registers one provider in {@code
 * META-INF/services/dev.leadscore.core.state.LeadStoreProvider}; {@link LeadStores#open} picks the
 * one whose {@link #scheme()} starts the location.
 *
 * <p>Implementations should not throw from {@link #scheme()}; {@link #open} reports a location it
 * cannot use with a {@link IllegalArgumentException} whose message names the location and what was
 * expected, and a store it cannot reach with {@link dev.leadscore.core.ScoringException} ({@link
 * dev.leadscore.core.ScoringErrorCode#STORE_FAILED}).
 *
 * @since 0.2
 */
public interface LeadStoreProvider {

  /** The lowercase scheme before the first {@code :} of the locations this provider opens. */
  String scheme();

  /**
   * Opens the store at {@code location}; the caller closes it.
   *
   * @param location the whole location, scheme included
   */
  LeadStore open(String location, LeadStoreConfig config);
}
