package dev.leadscore.server.internal;

import com.google.protobuf.Timestamp;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.lead.LeadValidation;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.registry.ModelSelector;
import dev.leadscore.proto.v1.ModelRef;
import java.util.List;

/**
 * Checks of request envelopes that every service shares: model references, clocks, and failing a
 * call once with every problem found. Checks of leads and stream inputs are {@link LeadValidation}.
 */
public final class Requests {
  private Requests() {}

  /**
   * The selector a model reference names; a bad version adds a violation at {@code path.version}.
   */
  public static ModelSelector selector(ModelRef ref, String path, List<FieldViolation> violations) {
    return switch (ref.getSelectorCase()) {
      case VERSION -> {
        if (ref.getVersion() <= 0) {
          violations.add(
              new FieldViolation(
                  path + ".version", ref.getVersion() + " (expected: a version >= 1)"));
          yield ModelSelector.defaultModel();
        }
        yield new ModelSelector(ref.getName(), ref.getVersion(), "");
      }
      case LABEL -> new ModelSelector(ref.getName(), 0, ref.getLabel());
      case SELECTOR_NOT_SET -> new ModelSelector(ref.getName(), 0, "");
    };
  }

  /**
   * Refuses an account model where leads are scored.
   *
   * @param path the model reference's path, e.g. {@code model}
   * @throws ScoringException {@code INVALID_ARGUMENT} at {@code path.name}
   */
  public static void requireLeadModel(CompiledModel model, String path) {
    if (model.account().isPresent()) {
      failOn(
          List.of(
              new FieldViolation(
                  path + ".name",
                  "\""
                      + model.name()
                      + "\" is an account model (expected: a lead model; accounts are scored by"
                      + " GetAccount and ScoreAccount)")));
    }
  }

  /** Adds a violation at {@code path} if a present clock is not a valid timestamp. */
  public static void checkAsOf(
      boolean present, Timestamp asOf, String path, List<FieldViolation> violations) {
    if (present) {
      LeadValidation.checkTimestamp(asOf, path, violations);
    }
  }

  /**
   * Fails the call with {@code INVALID_ARGUMENT} listing every violation, if there is any.
   *
   * @throws ScoringException when {@code violations} is not empty
   */
  public static void failOn(List<FieldViolation> violations) {
    if (!violations.isEmpty()) {
      throw ScoringStatuses.invalidRequest(violations);
    }
  }

  /** Milliseconds since the epoch, truncating sub-millisecond precision. */
  public static long millis(Timestamp time) {
    return time.getSeconds() * 1000L + time.getNanos() / 1_000_000;
  }
}
