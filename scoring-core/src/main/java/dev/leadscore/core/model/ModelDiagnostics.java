package dev.leadscore.core.model;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.leadscore.core.FieldViolation;

/**
 * What checking a model found, each with its path in the document.
 *
 * @param violations the problems that make the model invalid; empty when it is valid
 * @param warnings settings that are valid but probably mistakes; they never make a model invalid
 */
public record ModelDiagnostics(
    ImmutableList<FieldViolation> violations, ImmutableList<FieldViolation> warnings) {
  public ModelDiagnostics {
    requireNonNull(violations, "violations");
    requireNonNull(warnings, "warnings");
  }

  /** Whether the model has no problems (it may have warnings). */
  public boolean valid() {
    return violations.isEmpty();
  }
}
