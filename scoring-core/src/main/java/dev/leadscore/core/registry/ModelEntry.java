package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.proto.v1.Experiment;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A model in the repository: its versions, its labels and its experiment. Immutable.
 *
 * @param name the model name
 * @param versions every version, including failed ones, by version
 * @param labels label to version; every label points at a valid version
 * @param experiment the running champion/challenger experiment, if any
 * @param problems problems with the label or experiment files, empty if none
 */
public record ModelEntry(
    String name,
    ImmutableSortedMap<Long, ModelVersion> versions,
    ImmutableSortedMap<String, Long> labels,
    @Nullable Experiment experiment,
    List<String> problems) {

  public ModelEntry {
    requireNonNull(name, "name");
    requireNonNull(versions, "versions");
    requireNonNull(labels, "labels");
    problems = List.copyOf(problems);
  }

  /** The highest version number in use, valid or not; 0 if none. */
  public long latestVersion() {
    return versions.isEmpty() ? 0 : versions.lastKey();
  }

  /** The highest valid version. */
  public OptionalLong latestValidVersion() {
    for (ModelVersion version : versions.descendingMap().values()) {
      if (version.valid()) {
        return OptionalLong.of(version.version());
      }
    }
    return OptionalLong.empty();
  }

  /** Whether {@code version} exists and is valid. */
  public boolean isValid(long version) {
    ModelVersion found = versions.get(version);
    return found != null && found.valid();
  }

  /**
   * Every problem of this model's files: of versions that failed to load (each prefixed with its
   * file, {@code <name>/<version>.json}) and of the model's own files.
   */
  public List<FieldViolation> fileProblems() {
    List<FieldViolation> all = new ArrayList<>();
    problems.forEach(problem -> all.add(new FieldViolation(name, problem)));
    for (ModelVersion version : versions.values()) {
      if (!version.valid()) {
        String file = name + "/" + version.version() + ".json";
        version.problems().forEach(problem -> all.add(new FieldViolation(file, problem)));
      }
    }
    return all;
  }

  ModelEntry withLabels(ImmutableSortedMap<String, Long> newLabels) {
    return new ModelEntry(name, versions, newLabels, experiment, problems);
  }

  ModelEntry withExperiment(@Nullable Experiment newExperiment) {
    return new ModelEntry(name, versions, labels, newExperiment, problems);
  }
}
