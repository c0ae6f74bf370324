package dev.leadscore.core.lead;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.proto.v1.LeadOutcome;
import java.time.Duration;
import java.util.List;

/** Checks an outcome of a lead (what sales made of it) before it is recorded. */
public final class OutcomeValidation {
  public static final int MAX_OUTCOME_ID_LENGTH = 256;
  public static final int MAX_REASON_LENGTH = 64;

  /**
   * How far after the server's clock an outcome may lie. An outcome is a fact of the past; the
   * allowance only absorbs clock differences between the CRM and the server.
   */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  private OutcomeValidation() {}

  /**
   * Adds a violation for a missing or over-long id, a missing kind, an over-long reason, a missing,
   * invalid or future time and a negative or non-finite value.
   *
   * @param path the outcome's path in the request, e.g. {@code outcome}
   * @param now the server's clock, in milliseconds since the epoch
   */
  public static void check(
      LeadOutcome outcome, String path, long now, List<FieldViolation> violations) {
    if (outcome.getId().isEmpty()) {
      violations.add(
          new FieldViolation(
              path + ".id",
              "missing (expected: a unique id per outcome, used to drop duplicates)"));
    } else if (outcome.getId().length() > MAX_OUTCOME_ID_LENGTH) {
      violations.add(
          new FieldViolation(
              path + ".id",
              outcome.getId().length()
                  + " characters (expected: at most "
                  + MAX_OUTCOME_ID_LENGTH
                  + ")"));
    }
    switch (outcome.getKind()) {
      case CONVERTED, DISQUALIFIED -> {}
      case KIND_UNSPECIFIED, UNRECOGNIZED ->
          violations.add(
              new FieldViolation(
                  path + ".kind",
                  (outcome.getKind() == LeadOutcome.Kind.KIND_UNSPECIFIED
                          ? "missing"
                          : String.valueOf(outcome.getKindValue()))
                      + " (expected: CONVERTED or DISQUALIFIED)"));
    }
    if (outcome.getReason().length() > MAX_REASON_LENGTH) {
      violations.add(
          new FieldViolation(
              path + ".reason",
              outcome.getReason().length()
                  + " characters (expected: at most "
                  + MAX_REASON_LENGTH
                  + ", e.g. \"bad fit\")"));
    }
    checkTime(outcome, path, now, violations);
    if (!Double.isFinite(outcome.getValue()) || outcome.getValue() < 0) {
      violations.add(
          new FieldViolation(
              path + ".value", outcome.getValue() + " (expected: a finite number >= 0)"));
    }
  }

  private static void checkTime(
      LeadOutcome outcome, String path, long now, List<FieldViolation> violations) {
    if (!outcome.hasTime()) {
      violations.add(
          new FieldViolation(path + ".time", "missing (expected: when the outcome happened)"));
      return;
    }
    int before = violations.size();
    LeadValidation.checkTimestamp(outcome.getTime(), path + ".time", violations);
    long latest = now + MAX_FUTURE_SKEW.toMillis();
    if (violations.size() == before && Timestamps.toMillis(outcome.getTime()) > latest) {
      violations.add(
          new FieldViolation(
              path + ".time",
              Timestamps.toString(outcome.getTime())
                  + " (expected: not in the future; at most "
                  + MAX_FUTURE_SKEW.toMinutes()
                  + " minutes after the server's clock, "
                  + Timestamps.toString(Timestamps.fromMillis(latest))
                  + ")"));
    }
  }
}
