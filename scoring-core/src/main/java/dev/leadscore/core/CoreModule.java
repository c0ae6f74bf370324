package dev.leadscore.core;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.leadscore.core.model.ModelLimits;
import dev.leadscore.core.rule.RuleConditions;
import java.util.function.BooleanSupplier;

/** Binds the engine's process-wide services. Combine with a {@code PluginModule}. */
public final class CoreModule extends AbstractModule {
  private final ModelLimits limits;
  private final BooleanSupplier cancelled;

  /** The default limits, and rules that are never cancelled. */
  public CoreModule() {
    this(ModelLimits.defaults(), () -> false);
  }

  /**
   * @param limits the bounds on model documents and on the cost of their rules
   * @param cancelled whether the call the current thread serves was cancelled or its deadline
   *     passed; read now and then while a costly rule is evaluated, which then stops
   */
  public CoreModule(ModelLimits limits, BooleanSupplier cancelled) {
    this.limits = requireNonNull(limits, "limits");
    this.cancelled = requireNonNull(cancelled, "cancelled");
  }

  @Override
  protected void configure() {
    bind(ModelLimits.class).toInstance(limits);
  }

  @Provides
  @Singleton
  RuleConditions ruleConditions() {
    return RuleConditions.create(
        limits.maxExpressionLength(), limits.ruleIterationBudget(), cancelled);
  }
}
