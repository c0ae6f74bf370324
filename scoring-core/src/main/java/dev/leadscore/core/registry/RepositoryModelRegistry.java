package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableSortedMap;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.internal.Echoes;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ExperimentArm;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Resolves selectors against a {@link ModelStore}, compiling each version once into a bounded
 * Caffeine cache.
 *
 * <p>Resolution: an explicit version, else the label, else — for a model running an experiment —
 * the arm the lead is assigned to, else the {@code stable} label, else the latest valid version.
 * Only valid versions are ever served.
 *
 * <p>Thread-safe; {@link #resolve} takes no lock: it reads the repository's immutable snapshot and
 * the cache, which compiles a version at most once even under concurrent misses.
 */
public final class RepositoryModelRegistry implements ModelRegistry {
  /** The label a selector without version or label uses, when the model has it. */
  public static final String STABLE = "stable";

  private final ModelStore repository;
  private final ModelCompiler compiler;
  private final String defaultModelName;
  private final Cache<ModelKey, CompiledModel> cache;

  private record Selected(ModelVersion version, String label, String arm) {}

  /** Account model names by lead model name, for one snapshot of the repository. */
  private record AccountIndex(
      ImmutableSortedMap<String, ModelEntry> snapshot,
      ImmutableListMultimap<String, String> byLeadModel) {}

  private volatile AccountIndex accountIndex =
      new AccountIndex(ImmutableSortedMap.of(), ImmutableListMultimap.of());

  /**
   * @param maximumCachedVersions how many compiled versions to keep
   * @throws ScoringException {@link ScoringErrorCode#STARTUP_FAILED} if the default model has no
   *     valid version
   */
  public RepositoryModelRegistry(
      ModelStore repository,
      ModelCompiler compiler,
      String defaultModelName,
      long maximumCachedVersions) {
    this(
        repository,
        compiler,
        defaultModelName,
        Caffeine.newBuilder().maximumSize(maximumCachedVersions));
  }

  RepositoryModelRegistry(
      ModelStore repository,
      ModelCompiler compiler,
      String defaultModelName,
      Caffeine<Object, Object> cacheBuilder) {
    this.repository = requireNonNull(repository, "repository");
    this.compiler = requireNonNull(compiler, "compiler");
    this.defaultModelName = requireNonNull(defaultModelName, "defaultModelName");
    this.cache = cacheBuilder.recordStats().build();
    checkDefaultModel(repository.models().get(defaultModelName));
  }

  private void checkDefaultModel(@Nullable ModelEntry entry) {
    if (entry == null) {
      throw new ScoringException(
          ScoringErrorCode.STARTUP_FAILED,
          "default model "
              + defaultModelName
              + " does not exist (expected one of: "
              + String.join(", ", repository.models().keySet())
              + ")");
    }
    if (entry.latestValidVersion().isEmpty()) {
      throw ScoringException.invalid(
          ScoringErrorCode.STARTUP_FAILED,
          "default model " + defaultModelName + " has no valid version",
          entry.fileProblems());
    }
  }

  @Override
  public Resolution resolve(ModelSelector selector) {
    return resolve(selector, "");
  }

  @Override
  public Resolution resolve(ModelSelector selector, String leadId) {
    Selected selected = select(selector, leadId, true);
    ModelVersion version = selected.version();
    CompiledModel model =
        cache.get(
            ModelKey.of(version),
            key -> compiler.compile(requireNonNull(version.document()), version.version()));
    return new Resolution(model, selected.label(), selected.arm());
  }

  /**
   * Publishes {@code model} as the next version of its name ({@link
   * ModelRepository#publishWithWarnings}) and keeps the model compiled while it was checked, so the
   * first request for the new version is a cache hit rather than a second compilation.
   *
   * @throws ScoringException as {@link ModelRepository#publishWithWarnings} does
   */
  public Publication publish(ScoringModel model, OptionalLong expectedLatest) {
    Publication publication = repository.publishWithWarnings(model, expectedLatest);
    CompiledModel compiled = publication.compiled();
    if (compiled != null) {
      cache.put(ModelKey.of(publication.version()), compiled);
    }
    return publication;
  }

  /**
   * The version a selector names, ignoring experiments: what {@code GetModel} shows.
   *
   * @throws ScoringException {@link ScoringErrorCode#MODEL_NOT_FOUND} as {@link #resolve}
   */
  public ModelVersion find(ModelSelector selector) {
    return select(requireNonNull(selector, "selector"), "", false).version();
  }

  @Override
  public String defaultModelName() {
    return defaultModelName;
  }

  /** The store the models come from. */
  public ModelStore repository() {
    return repository;
  }

  /** The compiler of every version, for documents checked or previewed without being stored. */
  public ModelCompiler compiler() {
    return compiler;
  }

  @Override
  public List<Resolution> accountModels(String leadModel) {
    List<String> names = accountIndex().byLeadModel().get(leadModel);
    if (names.isEmpty()) {
      return List.of();
    }
    List<Resolution> resolved = new ArrayList<>(names.size());
    for (String name : names) {
      resolved.add(resolve(new ModelSelector(name, 0, "")));
    }
    return resolved;
  }

  /** Rebuilt only when the repository's snapshot changed: an identity check per call. */
  private AccountIndex accountIndex() {
    ImmutableSortedMap<String, ModelEntry> models = repository.models();
    AccountIndex index = accountIndex;
    if (index.snapshot() == models) {
      return index;
    }
    ImmutableListMultimap.Builder<String, String> byLeadModel = ImmutableListMultimap.builder();
    for (String name : models.keySet()) {
      ModelVersion version;
      try {
        version = select(new ModelSelector(name, 0, ""), "", false).version();
      } catch (ScoringException e) {
        continue;
      }
      ScoringModel document = version.document();
      if (document != null && document.hasAccount()) {
        byLeadModel.put(document.getAccount().getLeadModel(), name);
      }
    }
    index = new AccountIndex(models, byLeadModel.build());
    accountIndex = index;
    return index;
  }

  /** Hits, misses, load times and evictions of the compiled-version cache. */
  public CacheStats cacheStats() {
    return cache.stats();
  }

  /** How many compiled versions the cache holds (approximately). */
  public long cachedVersions() {
    return cache.estimatedSize();
  }

  private Selected select(ModelSelector selector, String leadId, boolean experiments) {
    String name = selector.name().isEmpty() ? defaultModelName : selector.name();
    ModelEntry entry = repository.models().get(name);
    if (entry == null) {
      throw new ScoringException(
          ScoringErrorCode.MODEL_NOT_FOUND, "model " + Echoes.of(name) + " does not exist");
    }
    if (selector.version() > 0) {
      return new Selected(version(entry, selector.version()), "", "");
    }
    if (!selector.label().isEmpty()) {
      return new Selected(labelled(entry, selector.label()), selector.label(), "");
    }
    Experiment experiment = entry.experiment();
    if (experiments && experiment != null) {
      boolean challenger = Experiments.challenger(experiment, leadId);
      ExperimentArm arm = challenger ? experiment.getChallenger() : experiment.getChampion();
      String armName = challenger ? Experiments.CHALLENGER : Experiments.CHAMPION;
      return switch (arm.getSelectorCase()) {
        case VERSION -> new Selected(version(entry, arm.getVersion()), "", armName);
        case LABEL -> new Selected(labelled(entry, arm.getLabel()), arm.getLabel(), armName);
        case SELECTOR_NOT_SET -> throw new IllegalStateException("checked when stored");
      };
    }
    if (entry.labels().containsKey(STABLE)) {
      return new Selected(labelled(entry, STABLE), STABLE, "");
    }
    OptionalLong latest = entry.latestValidVersion();
    if (latest.isEmpty()) {
      throw new ScoringException(
          ScoringErrorCode.MODEL_NOT_FOUND, "model " + name + " has no valid version");
    }
    return new Selected(version(entry, latest.getAsLong()), "", "");
  }

  private static ModelVersion labelled(ModelEntry entry, String label) {
    Long version = entry.labels().get(label);
    if (version == null) {
      throw new ScoringException(
          ScoringErrorCode.MODEL_NOT_FOUND,
          "model "
              + entry.name()
              + " has no label "
              + Echoes.of(label)
              + " (expected one of: "
              + String.join(", ", entry.labels().keySet())
              + ")");
    }
    return version(entry, version);
  }

  private static ModelVersion version(ModelEntry entry, long number) {
    return ModelWrites.existingVersion(entry, number, "(see ListModels)");
  }
}
