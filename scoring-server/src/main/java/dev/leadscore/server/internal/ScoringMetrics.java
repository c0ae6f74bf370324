package dev.leadscore.server.internal;

import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.lead.ScoringLead;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.plugin.CriterionFailures;
import dev.leadscore.core.plugin.PluginExecutor;
import dev.leadscore.core.registry.ModelStore;
import dev.leadscore.core.registry.ModelVersion;
import dev.leadscore.core.registry.RepositoryModelRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Per-model meters: the engine's time per lead and the leads a criterion or rule failed on, tagged
 * with the model's name and version. Tags come from the compiled model the registry resolved, never
 * from what a client sent, so their number is bounded by the models loaded.
 */
public final class ScoringMetrics {
  public static final String SCORING = "leadscore.model.scoring";
  public static final String FAILURES = "leadscore.model.failures";
  public static final String VERSIONS = "leadscore.model.versions.loaded";
  public static final String LATEST = "leadscore.model.latest.version";
  public static final String CACHE = "leadscore.model.cache";
  public static final String CRITERION_FAILURES = "leadscore.criterion.failures";
  public static final String PLUGIN_QUARANTINED = "leadscore.plugin.quarantined";
  public static final String PLUGIN_TIMEOUTS = "leadscore.plugin.timeouts";
  public static final String PLUGIN_ABANDONED = "leadscore.plugin.abandoned.calls";

  private final MeterRegistry registry;
  // By name, then version: compiled models come and go with the registry's cache, their meters
  // stay, one set per version.
  private final Map<String, Map<Long, ModelMeters>> byModel = new ConcurrentHashMap<>();

  private volatile @Nullable ModelStore repository;

  public ScoringMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Scores one lead with {@code model}, timing it and counting a plugin or rule failure. */
  public ScoreResult score(CompiledModel model, ScoringLead lead, boolean explain) {
    ModelMeters meters = meters(model);
    long start = System.nanoTime();
    try {
      ScoreResult result = model.score(lead, explain);
      meters.scoring.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return result;
    } catch (ScoringException e) {
      if (e.code() == ScoringErrorCode.RULE_FAILED) {
        meters.ruleFailures.increment();
      } else if (e.code() == ScoringErrorCode.PLUGIN_FAILED) {
        meters.pluginFailures.increment();
      }
      throw e;
    }
  }

  /**
   * Registers the gauges of a repository's models (valid versions, latest valid version, per model
   * as it appears) and of its compiled-version cache.
   */
  public void bindRepository(RepositoryModelRegistry models) {
    ModelStore repository = models.repository();
    repository.models().keySet().forEach(name -> bindModel(repository, name));
    FunctionCounter.builder(CACHE + ".hits", models, m -> m.cacheStats().hitCount())
        .description("Requests that found their compiled model version in the cache.")
        .register(registry);
    FunctionCounter.builder(CACHE + ".misses", models, m -> m.cacheStats().missCount())
        .description("Requests that had to compile a model version.")
        .register(registry);
    FunctionCounter.builder(CACHE + ".evictions", models, m -> m.cacheStats().evictionCount())
        .description("Compiled model versions evicted from the cache.")
        .register(registry);
    FunctionCounter.builder(
            CACHE + ".load.seconds", models, m -> m.cacheStats().totalLoadTime() / 1e9)
        .description("Time spent compiling model versions into the cache.")
        .register(registry);
    this.repository = repository;
  }

  /** Registers a counter per criterion type of the failures {@code failures} records. */
  public void bindCriterionFailures(CriterionFailures failures) {
    failures
        .snapshot()
        .keySet()
        .forEach(
            type ->
                FunctionCounter.builder(CRITERION_FAILURES, failures, f -> f.count(type))
                    .description(
                        "Criteria of this type that threw, returned a non-finite number or ran"
                            + " out of time while scoring.")
                    .tag("type", type)
                    .register(registry));
  }

  /**
   * Per plugin-directory plugin: whether it is quarantined (1) or not (0), its calls that ran out
   * of time, and the threads of such calls that have not come back.
   */
  public void bindPlugins(List<PluginExecutor> plugins) {
    for (PluginExecutor plugin : plugins) {
      Gauge.builder(PLUGIN_QUARANTINED, plugin, p -> p.quarantined() ? 1 : 0)
          .description(
              "1 while the plugin is quarantined after repeated timeouts: its criteria fail at"
                  + " once without running.")
          .tag("plugin", plugin.plugin())
          .register(registry);
      FunctionCounter.builder(PLUGIN_TIMEOUTS, plugin, PluginExecutor::timeouts)
          .description("Calls into the plugin (criteria, factories) that ran out of time.")
          .tag("plugin", plugin.plugin())
          .register(registry);
      Gauge.builder(PLUGIN_ABANDONED, plugin, PluginExecutor::abandonedCalls)
          .description(
              "Threads of calls into the plugin that ran out of time and have not returned:"
                  + " a plugin that ignores interrupts keeps them.")
          .tag("plugin", plugin.plugin())
          .register(registry);
    }
  }

  private void bindModel(ModelStore repository, String name) {
    Gauge.builder(
            VERSIONS,
            repository,
            r ->
                r.model(name)
                    .map(e -> e.versions().values().stream().filter(ModelVersion::valid).count())
                    .orElse(0L))
        .description("Model versions loaded and servable.")
        .tag("model", name)
        .register(registry);
    Gauge.builder(
            LATEST,
            repository,
            r -> r.model(name).map(e -> e.latestValidVersion().orElse(0)).orElse(0L))
        .description("The newest servable version of the model.")
        .tag("model", name)
        .register(registry);
  }

  private ModelMeters meters(CompiledModel model) {
    Map<Long, ModelMeters> versions = byModel.get(model.name());
    if (versions == null) {
      versions = byModel.computeIfAbsent(model.name(), this::newModel);
    }
    ModelMeters meters = versions.get(model.version());
    if (meters == null) {
      meters = versions.computeIfAbsent(model.version(), v -> new ModelMeters(model, registry));
    }
    return meters;
  }

  private Map<Long, ModelMeters> newModel(String name) {
    ModelStore models = repository;
    if (models != null) {
      bindModel(models, name);
    }
    return new ConcurrentHashMap<>();
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
