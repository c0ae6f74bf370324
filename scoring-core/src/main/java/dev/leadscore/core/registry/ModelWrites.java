package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.internal.Echoes;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDiagnostics;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ScoringModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The checks every {@link ModelStore} makes before a write, with the same messages whichever store
 * keeps the models, and the reading of a stored version document. For store implementations.
 *
 * @since 0.3
 */
public final class ModelWrites {
  private ModelWrites() {}

  /**
   * Every problem and every warning of {@code model} as a store validates it before a publish: the
   * compiler's, and for an account model those of the lead model it names among {@code models} (it
   * must exist, be a lead model and have the dimension the account's {@code engaged} reads).
   */
  public static ModelDiagnostics diagnose(
      ModelCompiler compiler, ScoringModel model, Map<String, ModelEntry> models) {
    requireNonNull(model, "model");
    return withReferences(compiler.diagnose(model), model, models);
  }

  /**
   * As {@link #diagnose}, and the model as compiled while it was checked (as version 1), present
   * exactly when it has no problem: a store hands it on in its {@link Publication} so that the new
   * version is not compiled a second time before it is first served.
   */
  public static ModelCompiler.Checked check(
      ModelCompiler compiler, ScoringModel model, Map<String, ModelEntry> models) {
    requireNonNull(model, "model");
    ModelCompiler.Checked checked = compiler.check(model, 1);
    ModelDiagnostics diagnostics = withReferences(checked.diagnostics(), model, models);
    return new ModelCompiler.Checked(diagnostics, diagnostics.valid() ? checked.model() : null);
  }

  /**
   * Checks {@code model} as {@link #check} does and, only when it has no problem, writes it with
   * {@code write} (the store's next version): the publication carries the model compiled by the
   * check, renumbered to the written version, and the warnings.
   *
   * @throws ScoringException {@link ScoringErrorCode#INVALID_MODEL} listing every problem, or what
   *     {@code write} throws
   */
  public static Publication publish(
      ModelCompiler compiler,
      ScoringModel model,
      Map<String, ModelEntry> models,
      Function<ScoringModel, ModelVersion> write) {
    ModelCompiler.Checked checked = check(compiler, model, models);
    ModelDiagnostics diagnostics = checked.diagnostics();
    CompiledModel compiled = checked.model();
    if (!diagnostics.valid() || compiled == null) {
      throw invalidModel(model.getName(), diagnostics.violations());
    }
    ModelVersion version = write.apply(model);
    return new Publication(version, diagnostics.warnings(), compiled.asVersion(version.version()));
  }

  private static ModelDiagnostics withReferences(
      ModelDiagnostics diagnostics, ScoringModel model, Map<String, ModelEntry> models) {
    if (!model.hasAccount()) {
      return diagnostics;
    }
    List<FieldViolation> violations = new ArrayList<>(diagnostics.violations());
    AccountReferences.check(model, models, violations);
    return new ModelDiagnostics(ImmutableList.copyOf(violations), diagnostics.warnings());
  }

  /**
   * @throws ScoringException {@link ScoringErrorCode#INVALID_REQUEST} naming field {@code name} if
   *     {@code name} is not a model name
   */
  public static void checkName(String name) {
    requireNonNull(name, "name");
    if (!ModelCompiler.MODEL_NAME.matcher(name).matches()) {
      throw ScoringException.invalid(
          ScoringErrorCode.INVALID_REQUEST,
          "invalid request",
          List.of(
              new FieldViolation(
                  "name",
                  describe(name)
                      + " (expected: 1 to 64 lowercase letters, digits, '.', '_' or '-')")));
    }
  }

  /** {@link ScoringErrorCode#MODEL_NOT_FOUND} for a model the store does not have. */
  public static ScoringException notFound(String name) {
    return new ScoringException(
        ScoringErrorCode.MODEL_NOT_FOUND, "model " + name + " does not exist");
  }

  /**
   * @throws ScoringException {@link ScoringErrorCode#INVALID_REQUEST} naming field {@code label} if
   *     {@code label} is not a label name
   */
  public static void checkLabel(String label) {
    requireNonNull(label, "label");
    if (!LabelFiles.LABEL.matcher(label).matches()) {
      throw ScoringException.invalid(
          ScoringErrorCode.INVALID_REQUEST,
          "invalid request",
          List.of(
              new FieldViolation(
                  "label",
                  describe(label)
                      + " (expected: 1 to 64 lowercase letters, digits, '_' or '-', e.g. stable)")));
    }
  }

  /**
   * @throws ScoringException {@link ScoringErrorCode#MODEL_NOT_FOUND} if {@code entry} has no such
   *     version, {@link ScoringErrorCode#CONFLICT} if it failed to load
   */
  public static void checkLabelTarget(ModelEntry entry, long version) {
    existingVersion(entry, version, "(expected: a valid version)");
  }

  /**
   * The version {@code number} of {@code entry}, which must exist and have loaded.
   *
   * @param whenFailed what the message of a version that failed to load ends with
   * @throws ScoringException {@link ScoringErrorCode#MODEL_NOT_FOUND} if {@code entry} has no such
   *     version, {@link ScoringErrorCode#CONFLICT} if it failed to load
   */
  static ModelVersion existingVersion(ModelEntry entry, long number, String whenFailed) {
    ModelVersion version = entry.versions().get(number);
    if (version == null) {
      throw new ScoringException(
          ScoringErrorCode.MODEL_NOT_FOUND,
          "model "
              + entry.name()
              + " has no version "
              + number
              + " (expected one of: "
              + entry.versions().keySet()
              + ")");
    }
    if (!version.valid()) {
      throw new ScoringException(
          ScoringErrorCode.CONFLICT,
          "version " + number + " of " + entry.name() + " failed to load " + whenFailed);
    }
    return version;
  }

  /**
   * @throws ScoringException {@link ScoringErrorCode#MODEL_NOT_FOUND} if {@code entry} has no such
   *     label, {@link ScoringErrorCode#CONFLICT} if its experiment uses it
   */
  public static void checkLabelDeletable(ModelEntry entry, String label) {
    requireNonNull(label, "label");
    if (!entry.labels().containsKey(label)) {
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
    Experiment experiment = entry.experiment();
    if (experiment != null
        && (experiment.getChampion().getLabel().equals(label)
            || experiment.getChallenger().getLabel().equals(label))) {
      throw new ScoringException(
          ScoringErrorCode.CONFLICT,
          "label "
              + label
              + " is an arm of the experiment on "
              + entry.name()
              + " (expected: change or delete the experiment first)");
    }
  }

  /**
   * @throws ScoringException {@link ScoringErrorCode#INVALID_REQUEST} naming each bad field of
   *     {@code experiment} (paths start with {@code experiment}) against the model it splits
   */
  public static void checkExperiment(Experiment experiment, ModelEntry entry) {
    List<FieldViolation> violations = Experiments.check(experiment, entry, "experiment");
    if (!violations.isEmpty()) {
      throw ScoringException.invalid(
          ScoringErrorCode.INVALID_REQUEST, "invalid experiment", violations);
    }
  }

  /**
   * Every problem of a stored {@code experiment} against the model it splits as this process reads
   * it (e.g. an arm whose version failed to load here); empty if it can run.
   */
  public static List<FieldViolation> experimentProblems(Experiment experiment, ModelEntry entry) {
    return Experiments.check(experiment, entry, "experiment");
  }

  /**
   * @throws ScoringException {@link ScoringErrorCode#MODEL_NOT_FOUND} if {@code entry} runs no
   *     experiment
   */
  public static void checkExperimentRunning(ModelEntry entry) {
    if (entry.experiment() == null) {
      throw new ScoringException(
          ScoringErrorCode.MODEL_NOT_FOUND, "model " + entry.name() + " runs no experiment");
    }
  }

  /** {@link ScoringErrorCode#CONFLICT}: {@code expected_latest_version} did not hold. */
  public static ScoringException conflict(String name, long latest, long expected) {
    return new ScoringException(
        ScoringErrorCode.CONFLICT,
        "the latest version of "
            + name
            + " is "
            + latest
            + " (expected_latest_version: "
            + expected
            + ")");
  }

  /** {@link ScoringErrorCode#INVALID_MODEL} listing every problem of a model to publish. */
  public static ScoringException invalidModel(String name, List<FieldViolation> violations) {
    return ScoringException.invalid(
        ScoringErrorCode.INVALID_MODEL, "model " + Echoes.of(name) + " is invalid", violations);
  }

  /**
   * A stored version document (the model's canonical JSON, UTF-8) parsed and compiled as this
   * process would serve it: {@link ModelVersion.State#FAILED} with the problems if it does not
   * compile here (a plugin missing on this replica), or if it names another model.
   *
   * @param source names the document in messages, e.g. {@code acme/3.json}
   */
  public static ModelVersion read(
      ModelCompiler compiler,
      String name,
      long version,
      byte[] document,
      Instant created,
      boolean builtin,
      String source) {
    return VersionFiles.read(compiler, name, version, document, created, builtin, source);
  }

  /** {@code sha256:} and the hex SHA-256 of a stored document, as {@link ModelVersion} shows it. */
  public static String checksum(byte[] document) {
    return VersionFiles.checksum(document);
  }

  private static String describe(String value) {
    return Echoes.quoted(value);
  }
}
