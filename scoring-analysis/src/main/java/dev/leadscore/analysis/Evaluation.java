package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import dev.leadscore.evaluation.ScoreMeasures;
import dev.leadscore.evaluation.ScoreMeasures.Calibration;
import dev.leadscore.evaluation.ScoreMeasures.RocPoint;
import dev.leadscore.evaluation.ScoreMeasures.Segment;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How well a model's scores rank real outcomes on one data set: the {@link ScoreMeasures} of module
 * {@code scoring-evaluation} with the model they are about. Immutable.
 *
 * @param model the model's name as reports show it
 * @param leads the number of leads scored
 * @param conversions how many of them converted
 * @param baseRate conversions / leads
 * @param auc the ROC AUC of the score: the probability that a random converted lead scores above a
 *     random unconverted one, ties counting half
 * @param bands per band of the model, lowest first
 * @param deciles per tenth of the leads by score, highest scores first
 * @param roc the ROC curve from (0, 0) to (1, 1), one point per distinct score (at most a few
 *     hundred)
 * @param calibration conversion against score, see {@link Calibration}
 * @param details the model measured, for reports; {@code null} when the caller gave only a name
 */
public record Evaluation(
    String model,
    int leads,
    int conversions,
    double baseRate,
    double auc,
    List<Segment> bands,
    List<Segment> deciles,
    List<RocPoint> roc,
    Calibration calibration,
    @Nullable ModelDetails details) {
  public Evaluation {
    requireNonNull(model, "model");
    bands = List.copyOf(bands);
    deciles = List.copyOf(deciles);
    roc = List.copyOf(roc);
    requireNonNull(calibration, "calibration");
  }

  /** The measures of {@code model}. */
  static Evaluation of(String model, ScoreMeasures measures, @Nullable ModelDetails details) {
    return new Evaluation(
        model,
        measures.leads(),
        measures.conversions(),
        measures.baseRate(),
        measures.auc(),
        measures.bands(),
        measures.deciles(),
        measures.roc(),
        measures.calibration(),
        details);
  }
}
