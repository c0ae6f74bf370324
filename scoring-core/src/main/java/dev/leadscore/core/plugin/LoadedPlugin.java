package dev.leadscore.core.plugin;

import com.google.common.collect.ImmutableList;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.CriterionFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * One plugin folder, loaded: the {@link CriteriaPlugin}s its jars register, in their own class
 * loader, and the factories they provide, each wrapped to run with that class loader and within the
 * {@link PluginExecutor}'s limits. Hand it to {@link PluginModule} like any other plugin.
 * Immutable.
 */
public final class LoadedPlugin implements CriteriaPlugin {
  private final String name;
  private final Path folder;
  private final ImmutableList<String> pluginClasses;
  private final ImmutableList<CriterionFactory> factories;
  private final PluginExecutor executor;

  LoadedPlugin(
      String name,
      Path folder,
      ImmutableList<String> pluginClasses,
      ImmutableList<CriterionFactory> factories,
      PluginExecutor executor) {
    this.name = name;
    this.folder = folder;
    this.pluginClasses = pluginClasses;
    this.factories = factories;
    this.executor = executor;
  }

  /** Where its criteria and factories run: its threads, time limits and quarantine state. */
  public PluginExecutor executor() {
    return executor;
  }

  /** The plugin folder's name, e.g. {@code email-domain}. */
  public String name() {
    return name;
  }

  /** The plugin folder. */
  public Path folder() {
    return folder;
  }

  /** The {@link CriteriaPlugin} classes its jars register. */
  public ImmutableList<String> pluginClasses() {
    return pluginClasses;
  }

  /** The criterion types it provides, in the order its plugins list them. */
  public ImmutableList<String> criterionTypes() {
    return factories.stream().map(CriterionFactory::type).collect(ImmutableList.toImmutableList());
  }

  @Override
  public List<CriterionFactory> criterionFactories() {
    return factories;
  }

  @Override
  public String toString() {
    return name + " " + criterionTypes();
  }
}
