package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import dev.leadscore.proto.v1.ScoringModel;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One version of a model as the repository knows it. Immutable.
 *
 * @param name the model name
 * @param version the version, {@code >= 1}
 * @param state whether it can be served
 * @param created when its file was written
 * @param checksum {@code sha256:} and the hex SHA-256 of the file's bytes
 * @param problems why it failed, or why a later change of its file was refused; empty otherwise
 * @param builtin served from the copy bundled in the server rather than from the repository
 * @param document the document, present exactly when {@code state} is {@link State#VALID}
 */
public record ModelVersion(
    String name,
    long version,
    State state,
    Instant created,
    String checksum,
    List<String> problems,
    boolean builtin,
    @Nullable ScoringModel document) {

  /** Whether a version can be served. */
  public enum State {
    /** Compiled without problems; servable. */
    VALID,
    /** Its file failed to parse or compile; never served. */
    FAILED,
  }

  public ModelVersion {
    requireNonNull(name, "name");
    requireNonNull(state, "state");
    requireNonNull(created, "created");
    requireNonNull(checksum, "checksum");
    problems = List.copyOf(problems);
    if (version < 1) {
      throw new IllegalArgumentException("version: " + version + " (expected: >= 1)");
    }
    if ((state == State.VALID) != (document != null)) {
      throw new IllegalArgumentException(
          "document: " + (document == null ? "missing" : "given") + " for state " + state);
    }
  }

  /** Whether it can be served. */
  public boolean valid() {
    return state == State.VALID;
  }

  /** This version with other problems. */
  public ModelVersion withProblems(List<String> newProblems) {
    return new ModelVersion(
        name, version, state, created, checksum, newProblems, builtin, document);
  }
}
