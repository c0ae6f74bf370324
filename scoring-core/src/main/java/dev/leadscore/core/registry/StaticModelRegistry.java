package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.CompiledModel;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A registry of model versions fixed at construction. Immutable and thread-safe. */
public final class StaticModelRegistry implements ModelRegistry {
  private final ImmutableMap<String, ImmutableSortedMap<Long, CompiledModel>> models;
  private final String defaultModelName;

  /**
   * @param models every compiled version; names and versions unique
   * @param defaultModelName must be one of the models' names
   */
  public StaticModelRegistry(Collection<CompiledModel> models, String defaultModelName) {
    requireNonNull(defaultModelName, "defaultModelName");
    Map<String, TreeMap<Long, CompiledModel>> byName = new HashMap<>();
    for (CompiledModel model : models) {
      CompiledModel previous =
          byName.computeIfAbsent(model.name(), n -> new TreeMap<>()).put(model.version(), model);
      if (previous != null) {
        throw new IllegalArgumentException(
            "model " + model.name() + " version " + model.version() + " given twice");
      }
    }
    if (!byName.containsKey(defaultModelName)) {
      throw new ScoringException(
          ScoringErrorCode.STARTUP_FAILED,
          "default model "
              + defaultModelName
              + " is not loaded (expected one of: "
              + String.join(", ", new TreeMap<>(byName).keySet())
              + ")");
    }
    ImmutableMap.Builder<String, ImmutableSortedMap<Long, CompiledModel>> builder =
        ImmutableMap.builder();
    byName.forEach((name, versions) -> builder.put(name, ImmutableSortedMap.copyOf(versions)));
    this.models = builder.buildOrThrow();
    this.defaultModelName = defaultModelName;
  }

  @Override
  public Resolution resolve(ModelSelector selector) {
    String name = selector.name().isEmpty() ? defaultModelName : selector.name();
    ImmutableSortedMap<Long, CompiledModel> versions = models.get(name);
    if (versions == null) {
      throw new ScoringException(
          ScoringErrorCode.MODEL_NOT_FOUND, "model " + name + " does not exist");
    }
    if (selector.version() > 0) {
      CompiledModel model = versions.get(selector.version());
      if (model == null) {
        throw new ScoringException(
            ScoringErrorCode.MODEL_NOT_FOUND,
            "model "
                + name
                + " has no version "
                + selector.version()
                + " (expected one of: "
                + versions.keySet()
                + ")");
      }
      return new Resolution(model, "");
    }
    if (!selector.label().isEmpty()) {
      throw new ScoringException(
          ScoringErrorCode.MODEL_NOT_FOUND, "model " + name + " has no label " + selector.label());
    }
    // Every name has at least one version; values are in version order.
    return new Resolution(versions.values().asList().get(versions.size() - 1), "");
  }

  @Override
  public String defaultModelName() {
    return defaultModelName;
  }

  /** Every loaded version, by name. */
  public ImmutableMap<String, ImmutableSortedMap<Long, CompiledModel>> models() {
    return models;
  }
}
