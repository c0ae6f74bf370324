package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.model.ModelDiagnostics;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where models are kept: immutable versions, labels and experiments, as a snapshot of {@link
 * ModelEntry}s read on every request, and the writes of {@code leadscore.v1.ModelService}. {@link
 * ModelRepository} keeps them in a directory; a shared store (e.g. Redis Cluster) lets several
 * server replicas serve and change the same models. Store modules register a {@link
 * ModelStoreProvider}; {@code dev.leadscore.store.testing.ModelStoreContractTest} checks the
 * contract.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Snapshots.</b> {@link #models} returns an immutable snapshot at once, without I/O: it is
 *       on the path of every request. A write returns after its change is in this store's snapshot
 *       (read-your-writes); changes made elsewhere (by hand, by another replica) appear after the
 *       next {@link #refresh}, which the server calls periodically.
 *   <li><b>Immutable versions.</b> {@link #publish} stores the model as version latest + 1 and
 *       never changes a version; with {@code expectedLatest} it refuses ({@link
 *       dev.leadscore.core.ScoringErrorCode#CONFLICT}) unless the latest version is still the
 *       expected one at the moment of the write, also against writers in other processes when the
 *       store is shared.
 *   <li><b>Bundled models</b> are served as version 1 of their name while the store has no version
 *       1 of its own, and pinned into the store by the first write to that model, so a later
 *       release cannot change a version once something was built on it.
 *   <li><b>Labels and experiments</b> move atomically and only to valid versions and existing
 *       labels; a label an experiment uses cannot be deleted.
 *   <li><b>A bad version never replaces a good one:</b> a version that fails to compile (e.g. on a
 *       replica without the plugin it names) is listed with its problems and never served.
 * </ul>
 *
 * <p>Failures are unchecked: {@link dev.leadscore.core.ScoringException} with the codes named on
 * each method, {@link dev.leadscore.core.ScoringErrorCode#STORE_FAILED} when a shared store cannot
 * be reached, {@link java.io.UncheckedIOException} when a directory cannot be read or written.
 * Implementations are thread-safe.
 *
 * @since 0.3
 */
public interface ModelStore extends AutoCloseable {

  /** Where the models are, for logs: a directory or a store location. */
  String location();

  /** Every model, by name: an immutable snapshot. */
  ImmutableSortedMap<String, ModelEntry> models();

  /** The model {@code name} in the current snapshot. */
  default Optional<ModelEntry> model(String name) {
    return Optional.ofNullable(models().get(requireNonNull(name, "name")));
  }

  /**
   * Reads what changed since the last read (by hand, or through another replica). Cheap when
   * nothing changed: the server calls it every few hundred milliseconds.
   */
  void refresh();

  /** Every problem and every warning of {@code model}, with paths in the document. */
  ModelDiagnostics diagnose(ScoringModel model);

  /** Every problem of {@code model}, with paths in the document; empty if it is valid. */
  default List<FieldViolation> validate(ScoringModel model) {
    return diagnose(model).violations();
  }

  /**
   * Validates {@code model} and stores it as the next version of its name.
   *
   * @param expectedLatest if present, the model's latest version must be this (0: no version yet)
   * @throws dev.leadscore.core.ScoringException {@code INVALID_MODEL} listing every problem, {@code
   *     CONFLICT} if {@code expectedLatest} does not hold
   */
  default ModelVersion publish(ScoringModel model, OptionalLong expectedLatest) {
    return publishWithWarnings(model, expectedLatest).version();
  }

  /**
   * As {@link #publish}, and also returns the model's warnings, which never stop a publish.
   *
   * @throws dev.leadscore.core.ScoringException as {@link #publish} does
   */
  Publication publishWithWarnings(ScoringModel model, OptionalLong expectedLatest);

  /**
   * Points {@code label} at {@code version}, creating or moving it.
   *
   * @return the model's labels after the change
   * @throws dev.leadscore.core.ScoringException {@code MODEL_NOT_FOUND} for an unknown model or
   *     version, {@code CONFLICT} for a version that failed to load, {@code INVALID_REQUEST} for a
   *     bad label or model name
   */
  ImmutableSortedMap<String, Long> setLabel(String name, String label, long version);

  /**
   * Deletes a label.
   *
   * @return the model's labels after the change
   * @throws dev.leadscore.core.ScoringException {@code MODEL_NOT_FOUND} for an unknown model or
   *     label, {@code CONFLICT} if the model's experiment uses the label
   */
  ImmutableSortedMap<String, Long> deleteLabel(String name, String label);

  /**
   * Starts or replaces the experiment on {@code experiment.getModel()}.
   *
   * @return the experiment as stored, with its creation time
   * @throws dev.leadscore.core.ScoringException {@code INVALID_REQUEST} naming each bad field
   *     (paths start with {@code experiment}), {@code MODEL_NOT_FOUND} for an unknown model
   */
  Experiment setExperiment(Experiment experiment);

  /**
   * Stops the experiment on {@code name}.
   *
   * @throws dev.leadscore.core.ScoringException {@code MODEL_NOT_FOUND} if there is none
   */
  void deleteExperiment(String name);

  /** Releases what the store holds (connections, threads); nothing by default. */
  @Override
  default void close() {}
}
