package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import dev.leadscore.evaluation.ScoreMeasures;
import dev.leadscore.proto.v1.ScoringModel;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ScorecardFitter#fit} produced.
 *
 * @param model the fitted model document, ready to serve
 * @param training the model evaluated on the rows it was fitted on
 * @param holdout the model evaluated on the held-out rows, {@code null} without a holdout
 * @param lambda the L2 penalty used
 * @param calibration conversion probability against score on the training rows: {@code 1 / (1 +
 *     exp(-(intercept + slope · score)))}
 * @param dropped columns left out of the model, each with the reason
 * @param warnings things the user should check, e.g. bands whose conversion does not rise
 * @param options the options it was fitted with
 * @param fitted when it was fitted
 */
public record FitResult(
    ScoringModel model,
    Evaluation training,
    @Nullable Evaluation holdout,
    double lambda,
    ScoreMeasures.Calibration calibration,
    List<String> dropped,
    List<String> warnings,
    FitOptions options,
    Instant fitted) {
  public FitResult {
    requireNonNull(model, "model");
    requireNonNull(training, "training");
    requireNonNull(calibration, "calibration");
    dropped = List.copyOf(dropped);
    warnings = List.copyOf(warnings);
    requireNonNull(options, "options");
    requireNonNull(fitted, "fitted");
  }
}
