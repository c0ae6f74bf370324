package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Locale;
import java.util.ServiceLoader;

/** Finds the {@link LeadStoreProvider} of a location and opens the store. */
public final class LeadStores {
  private LeadStores() {}

  /**
   * Opens the store at {@code location}, e.g. {@code rocksdb:./data}.
   *
   * @throws IllegalArgumentException if no provider on the class path has the location's scheme, or
   *     the provider cannot use the location
   * @throws dev.leadscore.core.ScoringException if the store cannot be opened
   */
  public static LeadStore open(String location, LeadStoreConfig config) {
    requireNonNull(location, "location");
    requireNonNull(config, "config");
    ImmutableSortedMap<String, LeadStoreProvider> providers = providers();
    int colon = location.indexOf(':');
    String scheme = colon < 0 ? "" : location.substring(0, colon).toLowerCase(Locale.ROOT);
    LeadStoreProvider provider = providers.get(scheme);
    if (provider == null) {
      throw new IllegalArgumentException(
          "store \""
              + location
              + "\": unknown kind (expected: "
              + String.join(" or ", providers.keySet().stream().map(s -> s + ":…").toList())
              + ")");
    }
    return provider.open(location, config);
  }

  /** The providers on the class path, by scheme. */
  public static ImmutableSortedMap<String, LeadStoreProvider> providers() {
    ImmutableSortedMap.Builder<String, LeadStoreProvider> byScheme =
        ImmutableSortedMap.naturalOrder();
    for (LeadStoreProvider provider :
        ServiceLoader.load(LeadStoreProvider.class, LeadStoreProvider.class.getClassLoader())) {
      byScheme.put(provider.scheme(), provider);
    }
    return byScheme.buildOrThrow();
  }
}
