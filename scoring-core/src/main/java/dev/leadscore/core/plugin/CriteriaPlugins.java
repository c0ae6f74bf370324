package dev.leadscore.core.plugin;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.leadscore.api.CriteriaPlugin;
import java.util.Comparator;
import java.util.ServiceLoader;

/** Discovers {@link CriteriaPlugin}s through {@link ServiceLoader}. */
public final class CriteriaPlugins {
  private CriteriaPlugins() {}

  /**
   * The plugins visible to {@code classLoader}, sorted by class name so start-up is deterministic.
   *
   * @throws java.util.ServiceConfigurationError if a registered plugin cannot be instantiated
   */
  public static ImmutableList<CriteriaPlugin> discover(ClassLoader classLoader) {
    requireNonNull(classLoader, "classLoader");
    return ServiceLoader.load(CriteriaPlugin.class, classLoader).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(plugin -> plugin.getClass().getName()))
        .collect(ImmutableList.toImmutableList());
  }

  /** The plugins on the class path that loaded the SPI, i.e. the built-in ones. */
  public static ImmutableList<CriteriaPlugin> discoverBuiltin() {
    return discover(CriteriaPlugin.class.getClassLoader());
  }
}
