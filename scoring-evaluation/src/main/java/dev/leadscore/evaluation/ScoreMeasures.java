package dev.leadscore.evaluation;

import static java.util.Objects.requireNonNull;

import dev.leadscore.proto.v1.Band;
import java.util.ArrayList;
import java.util.List;

/**
 * How well scores rank outcomes: AUC, conversion and lift per band and per decile, the ROC curve
 * and calibration. Immutable.
 *
 * @param leads the number of leads scored
 * @param conversions how many of them converted
 * @param baseRate conversions / leads
 * @param auc the ROC AUC of the score: the probability that a random converted lead scores above a
 *     random unconverted one, ties counting half; NaN without both outcomes
 * @param bands per band of the model, lowest first
 * @param deciles per tenth of the leads by score, highest scores first
 * @param roc the ROC curve from (0, 0) to (1, 1), one point per distinct score (at most a few
 *     hundred)
 * @param calibration conversion against score, see {@link Calibration}
 */
public record ScoreMeasures(
    int leads,
    int conversions,
    double baseRate,
    double auc,
    List<Segment> bands,
    List<Segment> deciles,
    List<RocPoint> roc,
    Calibration calibration) {
  private static final int DECILES = 10;

  public ScoreMeasures {
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

  /**
   * Measures scores against outcomes.
   *
   * @param bands the model's bands, lowest first
   * @param leadBands each lead's band as the model gave it
   * @throws IllegalArgumentException when the arrays differ in length
   */
  public static ScoreMeasures of(
      List<Band> bands, double[] scores, String[] leadBands, boolean[] labels) {
    if (scores.length != labels.length || leadBands.length != labels.length) {
      throw new IllegalArgumentException(
          "scores: "
              + scores.length
              + ", bands: "
              + leadBands.length
              + ", labels: "
              + labels.length
              + " (expected: one of each per lead)");
    }
    int conversions = 0;
    for (boolean label : labels) {
      conversions += label ? 1 : 0;
    }
    double baseRate = (double) conversions / labels.length;
    RocAuc roc = new RocAuc(scores);
    int[] order = ScoreOrder.descending(scores);
    int[] starts = decileStarts(order, scores);
    return new ScoreMeasures(
        labels.length,
        conversions,
        baseRate,
        roc.auc(labels),
        bandSegments(bands, scores, leadBands, labels, conversions, baseRate),
        deciles(order, starts, scores, labels, conversions, baseRate),
        roc.curve(labels),
        calibration(order, starts, scores, labels));
  }

  private static List<Segment> bandSegments(
      List<Band> bands,
      double[] scores,
      String[] leadBands,
      boolean[] labels,
      int conversions,
      double baseRate) {
    List<Segment> segments = new ArrayList<>(bands.size());
    for (Band band : bands) {
      int leads = 0;
      int converted = 0;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < scores.length; i++) {
        if (leadBands[i].equals(band.getName())) {
          leads++;
          converted += labels[i] ? 1 : 0;
          max = Math.max(max, scores[i]);
        }
      }
      segments.add(
          segment(
              band.getName(),
              band.getMinScore(),
              leads == 0 ? Double.NaN : max,
              leads,
              converted,
              conversions,
              baseRate));
    }
    return segments;
  }

  /**
   * Where each decile starts in {@code order} (highest scores first), plus the end: leads with
   * equal scores always share a decile. A tenth boundary that falls inside a run of equal scores
   * moves to the nearer end of the run (the later end on a tie, or when the earlier end would leave
   * the decile before it empty); a run longer than a tenth of the leads can leave the next deciles
   * empty.
   */
  static int[] decileStarts(int[] order, double[] scores) {
    int n = order.length;
    int[] starts = new int[DECILES + 1];
    starts[DECILES] = n;
    for (int d = 1; d < DECILES; d++) {
      int nominal = (int) ((long) d * n / DECILES);
      int boundary = nominal;
      if (nominal > 0 && nominal < n && scores[order[nominal - 1]] == scores[order[nominal]]) {
        double tied = scores[order[nominal]];
        int runStart = nominal;
        while (runStart > 0 && scores[order[runStart - 1]] == tied) {
          runStart--;
        }
        int runEnd = nominal;
        while (runEnd < n && scores[order[runEnd]] == tied) {
          runEnd++;
        }
        boundary = nominal - runStart < runEnd - nominal ? runStart : runEnd;
        if (boundary <= starts[d - 1]) {
          boundary = runEnd;
        }
      }
      starts[d] = Math.max(boundary, starts[d - 1]);
    }
    return starts;
  }

  private static List<Segment> deciles(
      int[] order,
      int[] starts,
      double[] scores,
      boolean[] labels,
      int conversions,
      double baseRate) {
    List<Segment> deciles = new ArrayList<>(DECILES);
    for (int d = 0; d < DECILES; d++) {
      int from = starts[d];
      int to = starts[d + 1];
      int converted = 0;
      for (int k = from; k < to; k++) {
        converted += labels[order[k]] ? 1 : 0;
      }
      double min = to > from ? scores[order[to - 1]] : Double.NaN;
      double max = to > from ? scores[order[from]] : Double.NaN;
      deciles.add(
          segment(String.valueOf(d + 1), min, max, to - from, converted, conversions, baseRate));
    }
    return deciles;
  }

  private static Segment segment(
      String name,
      double min,
      double max,
      int leads,
      int converted,
      int conversions,
      double baseRate) {
    double rate = leads == 0 ? Double.NaN : (double) converted / leads;
    return new Segment(
        name, min, max, leads, converted, rate, rate / baseRate, (double) converted / conversions);
  }

  private static Calibration calibration(
      int[] order, int[] starts, double[] scores, boolean[] labels) {
    ScoreLogistic curve = ScoreLogistic.fit(scores, labels);
    List<CalibrationRow> rows = new ArrayList<>(DECILES);
    double maxGap = 0;
    for (int d = 0; d < DECILES; d++) {
      int from = starts[d];
      int to = starts[d + 1];
      if (to == from) {
        continue;
      }
      double scoreSum = 0;
      double predicted = 0;
      int converted = 0;
      for (int k = from; k < to; k++) {
        scoreSum += scores[order[k]];
        predicted += curve.predict(scores[order[k]]);
        converted += labels[order[k]] ? 1 : 0;
      }
      int leads = to - from;
      double observed = (double) converted / leads;
      rows.add(
          new CalibrationRow(String.valueOf(d + 1), scoreSum / leads, predicted / leads, observed));
      maxGap = Math.max(maxGap, Math.abs(observed - predicted / leads));
    }
    return new Calibration(curve.intercept(), curve.slope(), maxGap, rows);
  }
}
