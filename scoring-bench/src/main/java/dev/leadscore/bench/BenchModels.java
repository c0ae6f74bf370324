package dev.leadscore.bench;

import dev.leadscore.core.Engine;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.server.LeadscoreRuntime;
import java.nio.charset.StandardCharsets;

/** The models benchmarks run, compiled as the server compiles them. */
public final class BenchModels {
  /** The bundled default model's name. */
  public static final String DEFAULT = LeadscoreRuntime.BUNDLED_MODEL;

  private BenchModels() {}

  /** {@code b2b-accounts} version 1 (over {@code b2b-default}), compiled likewise. */
  public static CompiledModel accountModel() {
    String name = LeadscoreRuntime.BUNDLED_ACCOUNT_MODEL;
    String json = new String(LeadscoreRuntime.bundledModels().get(name), StandardCharsets.UTF_8);
    return Engine.builtin().compiler().compile(ModelDocuments.parse(json, name), 1);
  }

  /** {@code b2b-default} version 1, compiled with the built-in plugins. */
  public static CompiledModel defaultModel() {
    String json = new String(LeadscoreRuntime.bundledModel(), StandardCharsets.UTF_8);
    return Engine.builtin().compiler().compile(ModelDocuments.parse(json, DEFAULT), 1);
  }
}
