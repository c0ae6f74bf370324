package dev.leadscore.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one exception the engine throws. Its message is written for the caller: it names the
 * offending value and what was expected, and never carries internal state.
 */
public final class ScoringException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The longest a problem is shown in the message of {@link #invalid}. */
  private static final int MAX_SHOWN_PROBLEM = 200;

  private final ScoringErrorCode code;
  private final String summary;
  private final List<FieldViolation> violations;

  public ScoringException(ScoringErrorCode code, String message) {
    this(code, message, List.of(), null);
  }

  public ScoringException(
      ScoringErrorCode code,
      String message,
      List<FieldViolation> violations,
      @Nullable Throwable cause) {
    this(code, message, message, violations, cause);
  }

  private ScoringException(
      ScoringErrorCode code,
      String summary,
      String message,
      List<FieldViolation> violations,
      @Nullable Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.code = requireNonNull(code, "code");
    this.summary = requireNonNull(summary, "summary");
    this.violations = List.copyOf(violations);
  }

  /**
   * A request or model with the listed problems; the message counts them and shows the first few,
   * each cut to {@value #MAX_SHOWN_PROBLEM} characters (the violations carry them whole).
   */
  public static ScoringException invalid(
      ScoringErrorCode code, String what, List<FieldViolation> violations) {
    StringBuilder message = new StringBuilder(what);
    message.append(violations.size() == 1 ? ": 1 problem" : ": " + violations.size() + " problems");
    int shown = 0;
    for (FieldViolation violation : violations) {
      if (shown++ == 10) {
        message.append("; …");
        break;
      }
      String text = violation.toString();
      message
          .append(shown == 1 ? ": " : "; ")
          .append(
              text.length() <= MAX_SHOWN_PROBLEM
                  ? text
                  : text.substring(0, MAX_SHOWN_PROBLEM - 1) + "…");
    }
    return new ScoringException(code, what, message.toString(), violations, null);
  }

  /** The message given at construction: never null. */
  @Override
  public String getMessage() {
    return requireNonNull(super.getMessage());
  }

  public ScoringErrorCode code() {
    return code;
  }

  /**
   * The message without the listed problems ("models failed to load"), for callers that show {@link
   * #violations()} one per line; the whole message when there is no list.
   */
  public String summary() {
    return summary;
  }

  /** The bad fields, empty when the error is not about fields. */
  public List<FieldViolation> violations() {
    return violations;
  }
}
