package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import dev.leadscore.core.model.ModelCompiler;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the {@link ModelStoreProvider} of a location and opens the store.
 *
 * @since 0.3
 */
public final class ModelStores {
  private ModelStores() {}

  /**
   * Opens the shared model store at {@code location}, e.g. {@code redis://127.0.0.1:7001}.
   *
   * @throws IllegalArgumentException if no provider on the class path has the location's scheme, or
   *     the provider cannot use the location
   * @throws dev.leadscore.core.ScoringException if the store cannot be opened
   */
  public static ModelStore open(
      String location, ModelCompiler compiler, Map<String, byte[]> bundled, Clock clock) {
    requireNonNull(location, "location");
    requireNonNull(compiler, "compiler");
    requireNonNull(bundled, "bundled");
    requireNonNull(clock, "clock");
    ImmutableSortedMap<String, ModelStoreProvider> providers = providers();
    int colon = location.indexOf(':');
    String scheme = colon < 0 ? "" : location.substring(0, colon).toLowerCase(Locale.ROOT);
    ModelStoreProvider provider = providers.get(scheme);
    if (provider == null) {
      throw new IllegalArgumentException(
          "model store \""
              + location
              + "\": unknown kind (expected: "
              + (providers.isEmpty()
                  ? "a directory; no shared model store module is on the class path"
                  : String.join(" or ", providers.keySet().stream().map(s -> s + ":…").toList()))
              + ")");
    }
    return provider.open(location, compiler, bundled, clock);
  }

  /** Whether a provider on the class path opens locations of {@code scheme}. */
  public static boolean supports(String scheme) {
    return providers().containsKey(requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT));
  }

  /** The providers on the class path, by scheme. */
  public static ImmutableSortedMap<String, ModelStoreProvider> providers() {
    ImmutableSortedMap.Builder<String, ModelStoreProvider> byScheme =
        ImmutableSortedMap.naturalOrder();
    for (ModelStoreProvider provider :
        ServiceLoader.load(ModelStoreProvider.class, ModelStoreProvider.class.getClassLoader())) {
      byScheme.put(provider.scheme(), provider);
    }
    return byScheme.buildOrThrow();
  }
}
