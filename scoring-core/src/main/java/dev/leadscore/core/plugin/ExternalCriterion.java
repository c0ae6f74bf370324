package dev.leadscore.core.plugin;

import dev.leadscore.api.AttributeType;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import java.util.Map;

/** A criterion of an external plugin, scored on the {@link PluginExecutor} within its limits. */
final class ExternalCriterion implements Criterion {
  private final Criterion delegate;
  private final ClassLoader classLoader;
  private final PluginExecutor executor;
  private final Map<String, AttributeType> attributeTypes;

  ExternalCriterion(
      Criterion delegate,
      Map<String, AttributeType> attributeTypes,
      ClassLoader classLoader,
      PluginExecutor executor) {
    this.delegate = delegate;
    this.attributeTypes = attributeTypes;
    this.classLoader = classLoader;
    this.executor = executor;
  }

  @Override
  public CriterionResult evaluate(LeadView lead) {
    return executor.call(classLoader, () -> delegate.evaluate(lead));
  }

  @Override
  public double points(LeadView lead) {
    return executor.call(classLoader, () -> delegate.points(lead));
  }

  @Override
  public Map<String, AttributeType> attributeTypes() {
    return attributeTypes;
  }
}
