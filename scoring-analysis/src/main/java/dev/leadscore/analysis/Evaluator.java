package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import dev.leadscore.evaluation.ScoreMeasures;
import dev.leadscore.proto.v1.Band;
import java.util.List;

/**
 * Measures scores against outcomes: AUC, bands, deciles, lift, ROC curve and calibration, as {@link
 * ScoreMeasures} computes them for the server's live evaluation too.
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * Measures scores against outcomes.
   *
   * @param model the model's name as reports show it
   * @param bands the model's bands, lowest first
   * @param leadBands each lead's band as the model gave it
   * @throws IllegalArgumentException when the arrays differ in length or an outcome is absent
   */
  public static Evaluation evaluate(
      String model, List<Band> bands, double[] scores, String[] leadBands, boolean[] labels) {
    requireNonNull(model, "model");
    return Evaluation.of(model, ScoreMeasures.of(bands, scores, leadBands, labels), null);
  }

  /**
   * Measures scores against outcomes; the evaluation carries the model's details, so reports show
   * its version, date and points.
   *
   * @param displayName the model's name as reports show it, e.g. {@code x-education (2.json)}
   * @throws IllegalArgumentException when the arrays differ in length or an outcome is absent
   */
  public static Evaluation evaluate(
      ModelDetails model,
      String displayName,
      double[] scores,
      String[] leadBands,
      boolean[] labels) {
    requireNonNull(model, "model");
    requireNonNull(displayName, "displayName");
    return Evaluation.of(
        displayName,
        ScoreMeasures.of(model.document().getBandsList(), scores, leadBands, labels),
        model);
  }
}
