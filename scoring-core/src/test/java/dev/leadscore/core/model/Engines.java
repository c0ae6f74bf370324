package dev.leadscore.core.model;

import dev.leadscore.core.Engine;

/** A real compiler with the built-in plugins, found through ServiceLoader, shared by tests. */
final class Engines {
  private static final ModelCompiler COMPILER = Engine.builtin().compiler();

  private Engines() {}

  static ModelCompiler compiler() {
    return COMPILER;
  }

  static CompiledModel compile(String json) {
    return COMPILER.compile(ModelDocuments.parse(json, "test"), 1);
  }
}
