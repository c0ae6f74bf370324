package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import dev.leadscore.analysis.Evaluation.CalibrationRow;
import dev.leadscore.analysis.Evaluation.Segment;
import dev.leadscore.proto.v1.Band;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Measures scores against outcomes: AUC, bands, deciles, lift, ROC curve and calibration. */
public final class Evaluator {
  private static final int DECILES = 10;

  private Evaluator() {}

  /**
   * @param bands the model's bands, lowest first
   * @param leadBands each lead's band as the model gave it
   * @throws IllegalArgumentException when the arrays differ in length or an outcome is absent
   */
  public static Evaluation evaluate(
      String model, List<Band> bands, double[] scores, String[] leadBands, boolean[] labels) {
    requireNonNull(model, "model");
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
    return new Evaluation(
        model,
        labels.length,
        conversions,
        baseRate,
        roc.weighted(labels, ones),
        bandSegments(bands, scores, leadBands, labels, conversions, baseRate),
        deciles(order, scores, labels, conversions, baseRate),
        roc.curve(labels),
        calibration(order, scores, labels));
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

  private static List<Segment> deciles(
      Integer[] order, double[] scores, boolean[] labels, int conversions, double baseRate) {
    List<Segment> deciles = new ArrayList<>(DECILES);
    for (int d = 0; d < DECILES; d++) {
      int from = (int) ((long) d * order.length / DECILES);
      int to = (int) ((long) (d + 1) * order.length / DECILES);
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
      Integer[] order, double[] scores, boolean[] labels) {
    ScoreLogistic curve = ScoreLogistic.fit(scores, labels);
    List<CalibrationRow> rows = new ArrayList<>(DECILES);
    double maxGap = 0;
    for (int d = 0; d < DECILES; d++) {
      int from = (int) ((long) d * order.length / DECILES);
      int to = (int) ((long) (d + 1) * order.length / DECILES);
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
