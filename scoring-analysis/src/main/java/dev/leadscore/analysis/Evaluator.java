package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import dev.leadscore.analysis.Evaluation.CalibrationRow;
import dev.leadscore.analysis.Evaluation.Segment;
import dev.leadscore.proto.v1.Band;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Measures scores against outcomes: AUC, bands, deciles, lift, ROC curve and calibration. */
public final class Evaluator {
  private static final int DECILES = 10;

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
    return evaluate(model, bands, null, scores, leadBands, labels);
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
    return evaluate(displayName, model.document().getBandsList(), model, scores, leadBands, labels);
  }

  private static Evaluation evaluate(
      String model,
      List<Band> bands,
      @Nullable ModelDetails details,
      double[] scores,
      String[] leadBands,
      boolean[] labels) {
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
    int[] ones = new int[labels.length];
    Arrays.fill(ones, 1);
    Integer[] order = byScoreDescending(scores);
    int[] starts = decileStarts(order, scores);
    return new Evaluation(
        model,
        labels.length,
        conversions,
        baseRate,
        roc.weighted(labels, ones),
        bandSegments(bands, scores, leadBands, labels, conversions, baseRate),
        deciles(order, starts, scores, labels, conversions, baseRate),
        roc.curve(labels),
        calibration(order, starts, scores, labels),
        details);
  }

  private static Integer[] byScoreDescending(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    return order;
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
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < scores.length; i++) {
        if (leadBands[i].equals(band.getName())) {
          leads++;
          converted += labels[i] ? 1 : 0;
          min = Math.min(min, scores[i]);
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
  static int[] decileStarts(Integer[] order, double[] scores) {
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
      Integer[] order,
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
      Segment segment =
          segment(String.valueOf(d + 1), min, max, to - from, converted, conversions, baseRate);
      deciles.add(segment);
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

  private static Evaluation.Calibration calibration(
      Integer[] order, int[] starts, double[] scores, boolean[] labels) {
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
    return new Evaluation.Calibration(curve.intercept(), curve.slope(), maxGap, rows);
  }
}
