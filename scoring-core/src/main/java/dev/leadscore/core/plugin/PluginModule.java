package dev.leadscore.core.plugin;

import com.google.common.collect.ImmutableList;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.CriterionFactory;

/**
 * Binds the criterion factories of plugins discovered beforehand. Does no I/O and no discovery of
 * its own, so building an injector stays fast and side-effect free.
 */
public final class PluginModule extends AbstractModule {
  private final ImmutableList<CriteriaPlugin> plugins;

  public PluginModule(ImmutableList<CriteriaPlugin> plugins) {
    this.plugins = plugins;
  }

  @Override
  protected void configure() {
    Multibinder<CriterionFactory> factories =
        Multibinder.newSetBinder(binder(), CriterionFactory.class);
    for (CriteriaPlugin plugin : plugins) {
      for (CriterionFactory factory : plugin.criterionFactories()) {
        factories.addBinding().toInstance(factory);
      }
    }
    bind(CriterionRegistry.class).asEagerSingleton();
  }
}
