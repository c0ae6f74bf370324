package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import com.google.gson.stream.JsonWriter;
import dev.leadscore.evaluation.ScoreMeasures;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Evaluations, comparisons, fits and scores as files for machines: JSON (Gson's streaming writer,
 * two-space indentation), JSON lines and CSV. Numbers keep six significant digits; non-finite
 * numbers are written as {@code null}.
 */
public final class JsonReports {
  private static final MathContext SIGNIFICANT = new MathContext(6);

  private JsonReports() {}

  public static String evaluation(Evaluation evaluation) {
    requireNonNull(evaluation, "evaluation");
    return pretty(json -> write(json, evaluation));
  }

  public static String comparison(Comparison comparison) {
    requireNonNull(comparison, "comparison");
    return pretty(
        json -> {
          json.beginObject();
          json.name("a");
          write(json, comparison.a());
          json.name("b");
          write(json, comparison.b());
          json.name("auc_difference").beginObject();
          field(json, "b_minus_a", comparison.aucDifference());
          field(json, "ci_low", comparison.low());
          field(json, "ci_high", comparison.high());
          field(json, "confidence", comparison.confidence());
          field(json, "resamples", comparison.resamples());
          field(json, "seed", comparison.seed());
          json.name("verdict").value(comparison.verdictText());
          json.endObject();
          json.endObject();
        });
  }

  /** A summary of a fit: penalty, dropped columns, warnings and both evaluations. */
  public static String fit(FitResult fit) {
    requireNonNull(fit, "fit");
    return pretty(
        json -> {
          json.beginObject();
          json.name("model").value(fit.model().getName());
          json.name("fitted").value(fit.fitted().toString());
          field(json, "lambda", fit.lambda());
          settings(json, fit.options());
          strings(json, "dropped", fit.dropped());
          strings(json, "warnings", fit.warnings());
          json.name("training");
          write(json, fit.training());
          if (fit.holdout() != null) {
            json.name("holdout");
            write(json, fit.holdout());
          }
          json.endObject();
        });
  }

  /** Scores as JSON lines, one {@code {"id", "score", "band"}} object per lead. */
  public static String scoreLines(TableScorer.Scores scores) {
    requireNonNull(scores, "scores");
    StringWriter out = new StringWriter(scores.ids().length * 48);
    try {
      for (int i = 0; i < scores.ids().length; i++) {
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        json.name("id").value(scores.ids()[i]);
        json.name("score").value(scores.scores()[i]);
        json.name("band").value(scores.bands()[i]);
        json.endObject();
        json.flush();
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  /** What writes one JSON document. */
  private interface Body {
    void write(JsonWriter json) throws IOException;
  }

  private static String pretty(Body body) {
    StringWriter out = new StringWriter(4096);
    try (JsonWriter json = new JsonWriter(out)) {
      json.setIndent("  ");
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.append('\n').toString();
  }

  private static void field(JsonWriter json, String name, double value) throws IOException {
    number(json.name(name), value);
  }

  /** Integers as they are, other numbers to six significant digits, NaN and infinities as null. */
  private static void number(JsonWriter json, double value) throws IOException {
    if (!Double.isFinite(value)) {
      json.nullValue();
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      json.value((long) value);
    } else {
      BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros();
      json.jsonValue(Math.abs(value) >= 1e-4 ? rounded.toPlainString() : rounded.toString());
    }
  }

  private static void strings(JsonWriter json, String name, List<String> values)
      throws IOException {
    json.name(name).beginArray();
    for (String value : values) {
      json.value(value);
    }
    json.endArray();
  }

  private static void settings(JsonWriter json, FitOptions options) throws IOException {
    json.name("settings").beginObject();
    json.name("label").value(options.label());
    strings(json, "exclude", options.exclude().stream().sorted().toList());
    strings(json, "missing", options.placeholders());
    field(json, "holdout", options.holdout());
    field(json, "seed", options.seed());
    if (options.lambda() != null) {
      field(json, "lambda", options.lambda());
    }
    field(json, "min_bin_share", options.minBinShare());
    field(json, "max_bins", options.maxBins());
    json.name("bands").beginObject();
    strings(json, "names", options.bands().names());
    json.name(options.bands().mode() == BandOptions.Mode.SHARE ? "shares" : "rates").beginArray();
    for (double value : options.bands().values()) {
      number(json, value);
    }
    json.endArray().endObject();
    json.name("dimension").value(options.dimension());
    json.endObject();
  }

  private static void write(JsonWriter json, Evaluation evaluation) throws IOException {
    json.beginObject();
    json.name("model").value(evaluation.model());
    ModelDetails details = evaluation.details();
    if (details != null) {
      json.name("model_details").beginObject();
      json.name("name").value(details.name());
      if (details.version() != null) {
        json.name("version").value(details.version());
      }
      if (details.date() != null) {
        json.name("date").value(details.date().toString());
      }
      if (details.file() != null) {
        json.name("file").value(details.file());
      }
      json.name("description").value(details.document().getDescription());
      json.endObject();
    }
    field(json, "leads", evaluation.leads());
    field(json, "conversions", evaluation.conversions());
    field(json, "base_rate", evaluation.baseRate());
    field(json, "roc_auc", evaluation.auc());
    segments(json, "bands", evaluation.bands());
    segments(json, "deciles", evaluation.deciles());
    ScoreMeasures.Calibration calibration = evaluation.calibration();
    json.name("calibration").beginObject();
    field(json, "intercept", calibration.intercept());
    field(json, "slope", calibration.slope());
    field(json, "max_gap", calibration.maxGap());
    json.name("deciles").beginArray();
    for (ScoreMeasures.CalibrationRow row : calibration.rows()) {
      json.beginObject();
      json.name("decile").value(row.decile());
      field(json, "mean_score", row.meanScore());
      field(json, "predicted_rate", row.predicted());
      field(json, "observed_rate", row.observed());
      json.endObject();
    }
    json.endArray().endObject();
    json.name("roc").beginArray();
    for (ScoreMeasures.RocPoint point : evaluation.roc()) {
      json.beginArray();
      number(json, point.falsePositiveRate());
      number(json, point.truePositiveRate());
      json.endArray();
    }
    json.endArray();
    json.endObject();
  }

  private static void segments(JsonWriter json, String name, List<ScoreMeasures.Segment> segments)
      throws IOException {
    json.name(name).beginArray();
    for (ScoreMeasures.Segment segment : segments) {
      json.beginObject();
      json.name("name").value(segment.name());
      field(json, "min_score", segment.minScore());
      field(json, "max_score", segment.maxScore());
      field(json, "leads", segment.leads());
      field(json, "conversions", segment.conversions());
      field(json, "conversion_rate", segment.rate());
      field(json, "lift", segment.lift());
      field(json, "capture", segment.capture());
      json.endObject();
    }
    json.endArray();
  }
}
