package dev.leadscore.bench;

import com.google.inject.Guice;
import dev.leadscore.core.CoreModule;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.PluginModule;
import dev.leadscore.core.registry.ModelDirectory;

/** The models benchmarks run, compiled as the server compiles them. */
public final class BenchModels {
  /** The bundled default model's name. */
  public static final String DEFAULT = "b2b-default";

  private BenchModels() {}

  /** {@code b2b-default} version 1, compiled with the built-in plugins. */
  public static CompiledModel defaultModel() {
    ModelCompiler compiler =
        Guice.createInjector(new PluginModule(CriteriaPlugins.discoverBuiltin()), new CoreModule())
            .getInstance(ModelCompiler.class);
    return new ModelDirectory(compiler).loadResource("models/" + DEFAULT + ".json", DEFAULT, 1);
  }
}
