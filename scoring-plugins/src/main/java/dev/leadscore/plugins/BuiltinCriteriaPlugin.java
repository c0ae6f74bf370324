package dev.leadscore.plugins;

import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.CriterionFactory;
import java.util.List;

/**
 * Provides the built-in criterion types {@code attribute}, {@code event_count} and {@code recency}.
 * Found through {@link java.util.ServiceLoader}; the factories are stateless and safe to share
 * between threads.
 */
public final class BuiltinCriteriaPlugin implements CriteriaPlugin {

  private static final List<CriterionFactory> FACTORIES =
      List.of(
          new AttributeCriterionFactory(),
          new EventCountCriterionFactory(),
          new RecencyCriterionFactory());

  /** Called by {@link java.util.ServiceLoader}. */
  public BuiltinCriteriaPlugin() {}

  @Override
  public List<CriterionFactory> criterionFactories() {
    return FACTORIES;
  }
}
