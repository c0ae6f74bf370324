package dev.leadscore.core.rule;

import static java.util.Objects.requireNonNull;

/**
 * A rule condition could not be evaluated for one lead, e.g. because it reads a map key the lead
 * does not have. The message is meant for the caller: it names the rule's path, the expression and
 * what went wrong, and never contains stack traces or internal state.
 */
public final class RuleEvaluationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RuleEvaluationException(String message, Throwable cause) {
    super(message, cause);
  }

  RuleEvaluationException(String message) {
    super(message);
  }

  /** The message given at construction: never null. */
  @Override
  public String getMessage() {
    return requireNonNull(super.getMessage());
  }
}
