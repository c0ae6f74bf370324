package dev.leadscore.core.registry;

import dev.leadscore.core.model.ModelCompiler;
import java.time.Clock;
import java.util.Map;

/**
 * Opens a shared {@link ModelStore} from a location such as {@code
 * redis://10.0.0.1:7000,10.0.0.2:7000}. Each store module registers one provider in {@code
 * META-INF/services/dev.leadscore.core.registry.ModelStoreProvider}; {@link ModelStores#open} picks
 * the one whose {@link #scheme()} starts the location. A directory needs no provider: it is a
 * {@link ModelRepository}.
 *
 * <p>Implementations should not throw from {@link #scheme()}; {@link #open} reports a location it
 * cannot use with an {@link IllegalArgumentException} naming the location and what was expected,
 * and a store it cannot reach with {@link dev.leadscore.core.ScoringException} ({@link
 * dev.leadscore.core.ScoringErrorCode#STORE_FAILED}).
 *
 * @since 0.3
 */
public interface ModelStoreProvider {

  /** The lowercase scheme before the first {@code :} of the locations this provider opens. */
  String scheme();

  /**
   * Opens the store at {@code location} and reads it; the caller closes it.
   *
   * @param location the whole location, scheme included
   * @param compiler compiles every version read, as this process would serve it
   * @param bundled documents (canonical JSON) served as version 1 of their name until the store has
   *     its own version 1
   * @param clock when versions and experiments are created
   */
  ModelStore open(
      String location, ModelCompiler compiler, Map<String, byte[]> bundled, Clock clock);
}
