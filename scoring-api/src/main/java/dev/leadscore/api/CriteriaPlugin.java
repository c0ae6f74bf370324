package dev.leadscore.api;

import java.util.List;

/**
 * The entry point of a criteria plugin, found through {@link java.util.ServiceLoader}. List the
 * implementing class in {@code META-INF/services/dev.leadscore.api.CriteriaPlugin}; it needs a
 * public no-argument constructor.
 *
 * <p>Every method has a default that returns nothing, so capabilities added in later versions of
 * this SPI never break a plugin compiled against an earlier one. Implementations should not throw:
 * a plugin that cannot run (a missing native library, say) returns no factories.
 *
 * <p>Thread-safety: called once, at start-up, from one thread.
 *
 * @since 0.1
 */
public interface CriteriaPlugin {

  /**
   * The criterion factories this plugin provides. Each factory's {@link CriterionFactory#type()}
   * must be unique across all plugins loaded by a server; a duplicate fails start-up.
   *
   * @return the factories, never {@code null}
   * @since 0.1
   */
  default List<CriterionFactory> criterionFactories() {
    return List.of();
  }
}
