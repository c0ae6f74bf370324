package dev.leadscore.core.registry;

import dev.leadscore.core.Engine;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.ScoringModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Repositories in a test directory, with a real compiler and the built-in plugins. */
final class Repositories {
  static final ModelCompiler COMPILER = Engine.builtin().compiler();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

  private Repositories() {}

  /** A valid model giving {@code points} to a VP. */
  static String json(String name, int points) {
    return """
        {"name": "%s", "criteria": [{"id": "title", "type": "attribute", "dimension": "fit",
          "config": {"attribute": "job_title", "cases": [{"contains": ["vp"], "points": %d}]}}],
         "bands": [{"name": "cold", "min_score": 0}, {"name": "hot", "min_score": 50}]}
        """
        .formatted(name, points);
  }

  static ScoringModel model(String name, int points) {
    return ModelDocuments.parse(json(name, points), "test");
  }

  static ModelRepository open(Path root) {
    return ModelRepository.open(root, COMPILER, CLOCK, Map.of());
  }

  /** A repository with a bundled model {@code bundled} (10 points) as version 1. */
  static ModelRepository openWithBundled(Path root) {
    return ModelRepository.open(
        root,
        COMPILER,
        CLOCK,
        Map.of("bundled", json("bundled", 10).getBytes(StandardCharsets.UTF_8)));
  }
}
