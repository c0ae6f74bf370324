package dev.leadscore.core.plugin;

import dev.leadscore.api.AttributeType;
import dev.leadscore.api.ConfigField;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import java.util.List;
import java.util.Map;

/**
 * A factory of a plugin loaded from a plugin folder: calls it with the plugin's class loader as the
 * context class loader, on its plugin's {@link PluginExecutor} within the factory time limit, and
 * wraps each criterion it creates so that scoring runs on that executor too. Type, description and
 * fields are read once, at start-up.
 */
final class ExternalCriterionFactory implements CriterionFactory {
  private final CriterionFactory delegate;
  private final String pluginName;
  private final ClassLoader classLoader;
  private final PluginExecutor executor;
  private final String type;
  private final String description;
  private final List<ConfigField> configFields;

  ExternalCriterionFactory(
      CriterionFactory delegate,
      String pluginName,
      ClassLoader classLoader,
      PluginExecutor executor) {
    this.delegate = delegate;
    this.pluginName = pluginName;
    this.classLoader = classLoader;
    this.executor = executor;
    this.type = PluginExecutor.withContextClassLoader(classLoader, delegate::type);
    this.description = PluginExecutor.withContextClassLoader(classLoader, delegate::description);
    this.configFields =
        List.copyOf(PluginExecutor.withContextClassLoader(classLoader, delegate::configFields));
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<ConfigField> configFields() {
    return configFields;
  }

  /**
   * Runs the plugin's {@code create} on the plugin's executor, within the factory time limit, and
   * reads the new criterion's attribute types there too: both are plugin code that a model sent to
   * ValidateModel or PublishModel reaches.
   *
   * @throws CriterionLimitException if it did not finish in time or the plugin is quarantined
   */
  @Override
  public Criterion create(CriterionConfig config, CriterionContext context) {
    Created created =
        executor.create(
            classLoader,
            () -> {
              Criterion criterion = delegate.create(config, context);
              return criterion == null
                  ? null
                  : new Created(criterion, Map.copyOf(criterion.attributeTypes()));
            });
    // The SPI says non-null, but a plugin is compiled by its author, unchecked.
    if (created == null) {
      throw new IllegalStateException("returned null (expected: a criterion)");
    }
    return new ExternalCriterion(
        created.criterion(), created.attributeTypes(), classLoader, executor);
  }

  private record Created(Criterion criterion, Map<String, AttributeType> attributeTypes) {}

  /** The plugin's own factory class and where it came from, for start-up messages. */
  String origin() {
    return delegate.getClass().getName() + " (plugin folder " + pluginName + ")";
  }
}
