package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDiagnostics;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ScoringModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A versioned model repository on disk: {@code <root>/<name>/<version>.json} (immutable version
 * files, canonical protobuf JSON), {@code <root>/<name>/labels.json} and {@code
 * <root>/<name>/experiment.json}. Every write is atomic and durable ({@link ModelFiles}); changes
 * made by hand are picked up by {@link #refresh}.
 *
 * <p>Thread-safety: {@link #models} is a lock-free read of an immutable snapshot, safe on every
 * request. Writes and refreshes are serialized by one lock; one server process owns a directory.
 * Models shared by several server replicas live in a shared {@link ModelStore} instead.
 */
public final class ModelRepository implements ModelStore {
  private final Path root;
  private final ModelCompiler compiler;
  private final Clock clock;
  private final ImmutableMap<String, byte[]> builtinFiles;
  private final RepositoryScanner scanner;
  private final Object lock = new Object();
  private volatile ImmutableSortedMap<String, ModelEntry> models = ImmutableSortedMap.of();

  private ModelRepository(
      Path root, ModelCompiler compiler, Clock clock, Map<String, byte[]> builtinFiles) {
    this.root = root;
    this.compiler = compiler;
    this.clock = clock;
    this.builtinFiles = ImmutableMap.copyOf(builtinFiles);
    ImmutableMap.Builder<String, ModelVersion> builtins = ImmutableMap.builder();
    builtinFiles.forEach(
        (name, content) -> {
          ModelVersion version =
              VersionFiles.read(
                  compiler, name, 1, content, clock.instant(), true, "bundled " + name);
          if (!version.valid()) {
            throw new ScoringException(
                ScoringErrorCode.STARTUP_FAILED,
                "bundled model " + name + " is invalid: " + String.join("; ", version.problems()));
          }
          builtins.put(name, version);
        });
    this.scanner = new RepositoryScanner(root, compiler, builtins.buildOrThrow());
  }

  /**
   * Opens (creating it if needed) a repository and reads it.
   *
   * @param builtinFiles bundled models by name, served as version 1 where the directory has no
   *     version 1 of its own; written to the directory before the first change to that model
   * @throws UncheckedIOException if the directory cannot be created or read
   * @throws ScoringException {@link ScoringErrorCode#STARTUP_FAILED} if a bundled model is invalid
   */
  public static ModelRepository open(
      Path root, ModelCompiler compiler, Clock clock, Map<String, byte[]> builtinFiles) {
    ModelRepository repository =
        new ModelRepository(
            requireNonNull(root, "root"),
            requireNonNull(compiler, "compiler"),
            requireNonNull(clock, "clock"),
            requireNonNull(builtinFiles, "builtinFiles"));
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the model directory " + root, e);
    }
    repository.refresh();
    return repository;
  }

  public Path root() {
    return root;
  }

  @Override
  public String location() {
    return root.toAbsolutePath().toString();
  }

  @Override
  public ImmutableSortedMap<String, ModelEntry> models() {
    return models;
  }

  @Override
  public Optional<ModelEntry> model(String name) {
    return Optional.ofNullable(models.get(requireNonNull(name, "name")));
  }

  /**
   * Reads what changed on disk since the last read. A file that fails to load is reported in its
   * entry and logged, and never replaces a valid version.
   *
   * @throws UncheckedIOException if the directory cannot be read
   */
  @Override
  public void refresh() {
    synchronized (lock) {
      try {
        models = scanner.scan(models);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the model directory " + root, e);
      }
    }
  }

  /**
   * Every problem of {@code model}, with paths in the document; empty if it is valid. An account
   * model must also name a lead model of this repository that has the dimension its {@code engaged}
   * reads.
   */
  @Override
  public List<FieldViolation> validate(ScoringModel model) {
    return diagnose(model).violations();
  }

  /** Every problem and every warning of {@code model}, with paths in the document. */
  @Override
  public ModelDiagnostics diagnose(ScoringModel model) {
    return ModelWrites.diagnose(compiler, model, models);
  }

  /**
   * Validates {@code model} and stores it as the next version of its name.
   *
   * @param expectedLatest if present, the model's latest version must be this (0: no version yet)
   * @throws ScoringException {@link ScoringErrorCode#INVALID_MODEL} listing every problem, {@link
   *     ScoringErrorCode#CONFLICT} if {@code expectedLatest} does not hold
   */
  @Override
  public ModelVersion publish(ScoringModel model, OptionalLong expectedLatest) {
    return publishWithWarnings(model, expectedLatest).version();
  }

  /**
   * As {@link #publish}, and also returns the model's warnings, which never stop a publish.
   *
   * @throws ScoringException as {@link #publish} does
   */
  @Override
  public Publication publishWithWarnings(ScoringModel model, OptionalLong expectedLatest) {
    requireNonNull(model, "model");
    requireNonNull(expectedLatest, "expectedLatest");
    return ModelWrites.publish(
        compiler, model, models, checked -> writeNextVersion(checked, expectedLatest));
  }

  private ModelVersion writeNextVersion(ScoringModel model, OptionalLong expectedLatest) {
    String name = model.getName();
    synchronized (lock) {
      refresh();
      ModelEntry entry = models.get(name);
      long latest = entry == null ? 0 : entry.latestVersion();
      if (expectedLatest.isPresent() && expectedLatest.getAsLong() != latest) {
        throw ModelWrites.conflict(name, latest, expectedLatest.getAsLong());
      }
      if (latest >= VersionFiles.MAX_VERSION) {
        throw new ScoringException(
            ScoringErrorCode.CONFLICT,
            "model "
                + name
                + " has version "
                + latest
                + ", the highest a model can have (expected: publish it under a new name)");
      }
      return writeVersion(name, latest + 1, model);
    }
  }

  private ModelVersion writeVersion(String name, long number, ScoringModel model) {
    try {
      materializeBuiltin(name);
      byte[] content = (ModelDocuments.print(model) + "\n").getBytes(StandardCharsets.UTF_8);
      Path file = root.resolve(name).resolve(VersionFiles.fileName(number));
      ModelFiles.create(file, content);
      ModelVersion version =
          new ModelVersion(
              name,
              number,
              ModelVersion.State.VALID,
              Files.getLastModifiedTime(file).toInstant(),
              VersionFiles.checksum(content),
              List.of(),
              false,
              model);
      scanner.written(file, version);
      refresh();
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model " + name, e);
    }
  }

  /**
   * Points {@code label} at {@code version}, creating or moving it.
   *
   * @return the model's labels after the change
   * @throws ScoringException {@link ScoringErrorCode#MODEL_NOT_FOUND} for an unknown model or
   *     version, {@link ScoringErrorCode#CONFLICT} for a version that failed to load
   */
  @Override
  public ImmutableSortedMap<String, Long> setLabel(String name, String label, long version) {
    ModelWrites.checkLabel(label);
    synchronized (lock) {
      ModelEntry entry = existing(name);
      ModelWrites.checkLabelTarget(entry, version);
      Map<String, Long> labels = new TreeMap<>(entry.labels());
      labels.put(label, version);
      return writeLabels(name, labels);
    }
  }

  /**
   * Deletes a label.
   *
   * @throws ScoringException {@link ScoringErrorCode#MODEL_NOT_FOUND} for an unknown model or
   *     label, {@link ScoringErrorCode#CONFLICT} if the model's experiment uses the label
   */
  @Override
  public ImmutableSortedMap<String, Long> deleteLabel(String name, String label) {
    requireNonNull(label, "label");
    synchronized (lock) {
      ModelEntry entry = existing(name);
      ModelWrites.checkLabelDeletable(entry, label);
      Map<String, Long> labels = new TreeMap<>(entry.labels());
      labels.remove(label);
      return writeLabels(name, labels);
    }
  }

  /**
   * Starts or replaces the experiment on {@code experiment.getModel()}.
   *
   * @return the experiment as stored, with its creation time
   * @throws ScoringException {@link ScoringErrorCode#INVALID_REQUEST} naming each bad field (paths
   *     start with {@code experiment}), {@link ScoringErrorCode#MODEL_NOT_FOUND} for an unknown
   *     model
   */
  @Override
  public Experiment setExperiment(Experiment experiment) {
    requireNonNull(experiment, "experiment");
    synchronized (lock) {
      ModelEntry entry = existing(experiment.getModel());
      ModelWrites.checkExperiment(experiment, entry);
      Experiment stored =
          experiment.toBuilder().setCreated(Timestamps.fromMillis(clock.millis())).build();
      try {
        materializeBuiltin(entry.name());
        String json = JsonFormat.printer().print(stored) + "\n";
        ModelFiles.replace(
            root.resolve(entry.name()).resolve(RepositoryScanner.EXPERIMENT_FILE),
            json.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the experiment of " + entry.name(), e);
      }
      refresh();
      return stored;
    }
  }

  /**
   * Stops the experiment on {@code name}.
   *
   * @throws ScoringException {@link ScoringErrorCode#MODEL_NOT_FOUND} if there is none
   */
  @Override
  public void deleteExperiment(String name) {
    synchronized (lock) {
      ModelWrites.checkExperimentRunning(existing(name));
      try {
        ModelFiles.delete(root.resolve(name).resolve(RepositoryScanner.EXPERIMENT_FILE));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the experiment of " + name, e);
      }
      refresh();
    }
  }

  private ModelEntry existing(String name) {
    ModelWrites.checkName(name);
    refresh();
    ModelEntry entry = models.get(name);
    if (entry == null) {
      throw ModelWrites.notFound(name);
    }
    return entry;
  }

  private ImmutableSortedMap<String, Long> writeLabels(String name, Map<String, Long> labels) {
    try {
      materializeBuiltin(name);
      ModelFiles.replace(
          root.resolve(name).resolve(LabelFiles.FILE_NAME), LabelFiles.print(labels));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the labels of " + name, e);
    }
    return existing(name).labels();
  }

  /** Pins the bundled version in the directory, so a later release cannot change it. */
  private void materializeBuiltin(String name) throws IOException {
    byte[] content = builtinFiles.get(name);
    Path file = root.resolve(name).resolve(VersionFiles.fileName(1));
    if (content != null && !Files.exists(file)) {
      ModelFiles.create(file, content);
    }
  }
}
