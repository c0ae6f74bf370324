package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Evaluations, comparisons, fits and scores as files for machines: JSON, JSON lines, CSV. */
public final class JsonReports {
  private JsonReports() {}

  public static String evaluation(Evaluation evaluation) {
    Json json = new Json();
    write(json, requireNonNull(evaluation, "evaluation"));
    return json.toString();
  }

  public static String comparison(Comparison comparison) {
    requireNonNull(comparison, "comparison");
    Json json = new Json().beginObject();
    json.name("a");
    write(json, comparison.a());
    json.name("b");
    write(json, comparison.b());
    json.name("auc_difference").beginObject();
    json.field("b_minus_a", comparison.aucDifference());
    json.field("ci_low", comparison.low());
    json.field("ci_high", comparison.high());
    json.field("confidence", comparison.confidence());
    json.field("resamples", comparison.resamples());
    json.field("seed", comparison.seed());
    json.field("verdict", comparison.verdictText());
    json.endObject();
    return json.endObject().toString();
  }

  /** A summary of a fit: penalty, dropped columns, warnings and both evaluations. */
  public static String fit(FitResult fit) {
    requireNonNull(fit, "fit");
    Json json = new Json().beginObject();
    json.field("model", fit.model().getName());
    json.field("lambda", fit.lambda());
    strings(json, "dropped", fit.dropped());
    strings(json, "warnings", fit.warnings());
    json.name("training");
    write(json, fit.training());
    if (fit.holdout() != null) {
      json.name("holdout");
      write(json, fit.holdout());
    }
    return json.endObject().toString();
  }

  /** Scores as JSON lines, one {@code {"id", "score", "band"}} object per lead. */
  public static String scoreLines(TableScorer.Scores scores) {
    requireNonNull(scores, "scores");
    StringBuilder out = new StringBuilder(scores.ids().length * 48);
    for (int i = 0; i < scores.ids().length; i++) {
      out.append("{\"id\":")
          .append(Json.quote(scores.ids()[i]))
          .append(",\"score\":")
          .append(scores.scores()[i])
          .append(",\"band\":")
          .append(Json.quote(scores.bands()[i]))
          .append("}\n");
    }
    return out.toString();
  }

  /** The table as CSV with two more columns, {@code score} and {@code band}. */
  public static String scoredCsv(Table table, TableScorer.Scores scores) {
    requireNonNull(table, "table");
    requireNonNull(scores, "scores");
    StringWriter out = new StringWriter();
    List<String> header = new ArrayList<>(table.columns());
    header.add("score");
    header.add("band");
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header.toArray(new String[0])).get();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      for (int row = 0; row < table.size(); row++) {
        List<Object> record = new ArrayList<>(header.size());
        for (int c = 0; c < table.columns().size(); c++) {
          String cell = table.cell(row, c);
          record.add(cell == null ? "" : cell);
        }
        record.add(Numbers.format(scores.scores()[row]));
        record.add(scores.bands()[row]);
        printer.printRecord(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void strings(Json json, String name, List<String> values) {
    json.name(name).beginArray();
    values.forEach(json::value);
    json.endArray();
  }

  private static void write(Json json, Evaluation evaluation) {
    json.beginObject();
    json.field("model", evaluation.model());
    json.field("leads", evaluation.leads());
    json.field("conversions", evaluation.conversions());
    json.field("base_rate", evaluation.baseRate());
    json.field("roc_auc", evaluation.auc());
    segments(json, "bands", evaluation.bands());
    segments(json, "deciles", evaluation.deciles());
    Evaluation.Calibration calibration = evaluation.calibration();
    json.name("calibration").beginObject();
    json.field("intercept", calibration.intercept());
    json.field("slope", calibration.slope());
    json.field("max_gap", calibration.maxGap());
    json.name("deciles").beginArray();
    for (Evaluation.CalibrationRow row : calibration.rows()) {
      json.beginObject()
          .field("decile", row.decile())
          .field("mean_score", row.meanScore())
          .field("predicted_rate", row.predicted())
          .field("observed_rate", row.observed())
          .endObject();
    }
    json.endArray().endObject();
    json.name("roc").beginArray();
    for (Evaluation.RocPoint point : evaluation.roc()) {
      json.beginArray().value(point.falsePositiveRate()).value(point.truePositiveRate()).endArray();
    }
    json.endArray();
    json.endObject();
  }

  private static void segments(Json json, String name, List<Evaluation.Segment> segments) {
    json.name(name).beginArray();
    for (Evaluation.Segment segment : segments) {
      json.beginObject()
          .field("name", segment.name())
          .field("min_score", segment.minScore())
          .field("max_score", segment.maxScore())
          .field("leads", segment.leads())
          .field("conversions", segment.conversions())
          .field("conversion_rate", segment.rate())
          .field("lift", segment.lift())
          .field("capture", segment.capture())
          .endObject();
    }
    json.endArray();
  }
}
