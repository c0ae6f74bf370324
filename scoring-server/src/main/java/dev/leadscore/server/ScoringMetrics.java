package dev.leadscore.server;

import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.lead.ScoringLead;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ScoreResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-model meters: the engine's time per lead and the leads a criterion or rule failed on, tagged
 * with the model's name and version. Tags come from the compiled model the registry resolved, never
 * from what a client sent, so their number is bounded by the models loaded.
 */
final class ScoringMetrics {
  static final String SCORING = "leadscore.model.scoring";
  static final String FAILURES = "leadscore.model.failures";
  static final String VERSIONS = "leadscore.model.versions.loaded";
  static final String LATEST = "leadscore.model.latest.version";

  private final MeterRegistry registry;
  // Keyed by identity: CompiledModel does not override equals.
  private final Map<CompiledModel, ModelMeters> byModel = new ConcurrentHashMap<>();

  ScoringMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Scores one lead with {@code model}, timing it and counting a plugin or rule failure. */
  ScoreResult score(CompiledModel model, ScoringLead lead, boolean explain) {
    ModelMeters meters = byModel.get(model);
    if (meters == null) {
      meters = byModel.computeIfAbsent(model, m -> new ModelMeters(m, registry));
    }
    long start = System.nanoTime();
    try {
      ScoreResult result = model.score(lead, explain);
      meters.scoring.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return result;
    } catch (ScoringException e) {
      (e.code() == ScoringErrorCode.RULE_FAILED ? meters.ruleFailures : meters.pluginFailures)
          .increment();
      throw e;
    }
  }

  /** Registers the meters of every loaded version up front, and the gauges of loaded versions. */
  void bindLoaded(Map<String, ? extends SortedMap<Long, CompiledModel>> models) {
    models.forEach(
        (name, versions) -> {
          versions
              .values()
              .forEach(m -> byModel.computeIfAbsent(m, v -> new ModelMeters(v, registry)));
          Gauge.builder(VERSIONS, versions, Map::size)
              .description("Model versions loaded and servable.")
              .tag("model", name)
              .register(registry);
          Gauge.builder(LATEST, versions, v -> v.lastKey())
              .description("The newest loaded version of the model.")
              .tag("model", name)
              .register(registry);
        });
  }

  private static final class ModelMeters {
    final Timer scoring;
    final Counter pluginFailures;
    final Counter ruleFailures;

    ModelMeters(CompiledModel model, MeterRegistry registry) {
      Tags tags = Tags.of("model", model.name(), "version", Long.toString(model.version()));
      scoring =
          Timer.builder(SCORING)
              .description("Engine time to score one lead, without transport or validation.")
              .tags(tags)
              .serviceLevelObjectives(MethodMeters.buckets(1_000L, 100_000_000L))
              .register(registry);
      pluginFailures = failures(tags.and("cause", "plugin"), registry);
      ruleFailures = failures(tags.and("cause", "rule"), registry);
    }

    private static Counter failures(Tags tags, MeterRegistry registry) {
      return Counter.builder(FAILURES)
          .description("Leads a criterion (cause=plugin) or a rule (cause=rule) failed on.")
          .tags(tags)
          .register(registry);
    }
  }
}
