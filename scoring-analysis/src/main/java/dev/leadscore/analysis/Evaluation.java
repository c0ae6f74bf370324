package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How well a model's scores rank real outcomes on one data set. Immutable.
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

  /**
   * A band or a decile.
   *
   * @param name the band's name, or {@code 1} … {@code 10} for deciles (1 = highest scores)
   * @param minScore the lowest score in it (for a band: its lower bound; NaN for an empty decile)
   * @param maxScore the highest score in it (NaN when it is empty)
   * @param leads leads in it
   * @param conversions converted leads in it
   * @param rate conversions / leads (NaN when empty)
   * @param lift rate / base rate
   * @param capture the share of all conversions that fall in it
   */
  public record Segment(
      String name,
      double minScore,
      double maxScore,
      int leads,
      int conversions,
      double rate,
      double lift,
      double capture) {}

  /** One point of the ROC curve. */
  public record RocPoint(double falsePositiveRate, double truePositiveRate) {}

  /**
   * Conversion against score. A logistic curve {@code p = 1 / (1 + exp(-(intercept + slope ·
   * score)))} is fitted to the outcomes; each row compares, per decile, the mean of that curve with
   * the observed rate.
   *
   * @param maxGap the largest |observed − predicted| over the deciles
   */
  public record Calibration(
      double intercept, double slope, double maxGap, List<CalibrationRow> rows) {
    public Calibration {
      rows = List.copyOf(rows);
    }
  }

  /** One decile of {@link Calibration}. */
  public record CalibrationRow(
      String decile, double meanScore, double predicted, double observed) {}
}
