package dev.leadscore.core.model;

import com.google.inject.Guice;
import dev.leadscore.core.CoreModule;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.PluginModule;

/** A real compiler with the built-in plugins, found through ServiceLoader, shared by tests. */
final class Engines {
  private static final ModelCompiler COMPILER =
      Guice.createInjector(new PluginModule(CriteriaPlugins.discoverBuiltin()), new CoreModule())
          .getInstance(ModelCompiler.class);

  private Engines() {}

  static ModelCompiler compiler() {
    return COMPILER;
  }

  static CompiledModel compile(String json) {
    return COMPILER.compile(ModelDocuments.parse(json, "test"), 1);
  }
}
