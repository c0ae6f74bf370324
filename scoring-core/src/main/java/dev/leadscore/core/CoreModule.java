package dev.leadscore.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.leadscore.core.rule.RuleConditions;

/** Binds the engine's process-wide services. Combine with a {@code PluginModule}. */
public final class CoreModule extends AbstractModule {

  @Provides
  @Singleton
  RuleConditions ruleConditions() {
    return RuleConditions.create();
  }
}
