package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.evaluation.ScoreMeasures;
import dev.leadscore.proto.v1.ArmComparison;
import dev.leadscore.proto.v1.CalibrationRow;
import dev.leadscore.proto.v1.Difference;
import dev.leadscore.proto.v1.EvaluateModelResponse;
import dev.leadscore.proto.v1.GroupEvaluation;
import dev.leadscore.proto.v1.ReasonCount;
import dev.leadscore.proto.v1.RocPoint;
import dev.leadscore.proto.v1.Segment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The HTML report of a server's live evaluation ({@code leadscore evaluate --live --html}), in the
 * style of {@link HtmlReport}: the champion/challenger verdict with its intervals, then per model
 * version and experiment arm the ROC curve, conversion and sales rejections by band, lift by decile
 * and calibration. Groups with too few outcomes show their note instead of an AUC.
 */
public final class LiveReport {
  private LiveReport() {}

  /**
   * @param server where the leads are stored, e.g. {@code localhost:50051}
   */
  public static String html(EvaluateModelResponse response, String server) {
    requireNonNull(response, "response");
    requireNonNull(server, "server");
    StringBuilder html = HtmlReport.open("Live evaluation of " + response.getModel());
    html.append("<p class=\"meta\">Leads stored by <b>")
        .append(Html.escape(server))
        .append("</b>, evaluated ")
        .append(Html.escape(Timestamps.toString(response.getEvaluatedAt())))
        .append(": ")
        .append(response.getLeadsScanned())
        .append(" leads read, ")
        .append(response.getLeadsInWindow())
        .append(" created in the window, ")
        .append(response.getLeadsMeasured())
        .append(" with a score kept ")
        .append(
            response.getBasis() == dev.leadscore.proto.v1.EvaluateModelRequest.Basis.AT_DELAY
                ? "at the snapshot delay after their first event"
                : "before their outcome")
        .append(" (in ")
        .append(response.getElapsedMillis())
        .append(" ms).</p>");
    if (response.hasComparison()) {
      comparison(html, response.getComparison());
    }
    List<GroupEvaluation> groups = response.getGroupsList();
    html.append("<div class=\"cards\">");
    for (GroupEvaluation group : groups) {
      html.append(
          HtmlReport.card(
              name(group) + ": " + group.getLeads() + " leads",
              group.getSufficient()
                  ? "AUC " + ReportTables.fixed(group.getAuc(), 3)
                  : ReportTables.percent(group.getConversionRate()) + " converted"));
    }
    html.append("</div>");
    charts(html, groups);
    for (GroupEvaluation group : groups) {
      group(html, group);
    }
    return HtmlReport.close(html);
  }

  private static void comparison(StringBuilder html, ArmComparison c) {
    html.append("<h2>Champion (version ")
        .append(c.getChampionVersion())
        .append(") vs challenger (version ")
        .append(c.getChallengerVersion())
        .append(")</h2><div class=\"cards\">")
        .append(HtmlReport.card("verdict", verdict(c.getVerdict())))
        .append(difference("AUC, challenger − champion", c.getAuc(), false))
        .append(
            difference(
                c.getTopBand() + " conversion, challenger − champion", c.getTopConversion(), true))
        .append(
            HtmlReport.card(
                c.getTopBand() + " conversion",
                ReportTables.percent(c.getChampionTopConversion())
                    + " → "
                    + ReportTables.percent(c.getChallengerTopConversion())))
        .append("</div><p class=\"note\">")
        .append(Html.escape(c.getSummary()))
        .append(
            ". The arms are a random split of the leads by id, compared as independent samples;")
        .append(" a verdict is given only where an interval excludes zero.</p>");
  }

  private static String difference(String label, Difference d, boolean percentPoints) {
    if (!d.getAvailable()) {
      return HtmlReport.card(label, "–");
    }
    double scale = percentPoints ? 100 : 1;
    String format = percentPoints ? "%+.1f" : "%+.3f";
    return HtmlReport.card(
        label,
        String.format(Locale.ROOT, format, scale * d.getEstimate())
            + " ["
            + String.format(Locale.ROOT, format, scale * d.getLow())
            + ", "
            + String.format(Locale.ROOT, format, scale * d.getHigh())
            + "]");
  }

  private static String verdict(ArmComparison.Verdict verdict) {
    return switch (verdict) {
      case CHALLENGER_BETTER -> "challenger better";
      case CHAMPION_BETTER -> "champion better";
      case MIXED -> "mixed";
      case NO_SIGNIFICANT_DIFFERENCE -> "no significant difference";
      case INSUFFICIENT_DATA -> "too few outcomes";
      case VERDICT_UNSPECIFIED, UNRECOGNIZED -> "–";
    };
  }

  private static void charts(StringBuilder html, List<GroupEvaluation> groups) {
    html.append("<h2>Charts</h2><div class=\"charts\">");
    List<String> names = new ArrayList<>();
    List<List<ScoreMeasures.RocPoint>> curves = new ArrayList<>();
    List<Double> aucs = new ArrayList<>();
    List<SvgCharts.Series> lift = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      GroupEvaluation group = groups.get(g);
      if (!group.getSufficient()) {
        continue;
      }
      names.add(name(group));
      List<ScoreMeasures.RocPoint> curve = new ArrayList<>();
      for (RocPoint point : group.getRocList()) {
        curve.add(
            new ScoreMeasures.RocPoint(point.getFalsePositiveRate(), point.getTruePositiveRate()));
      }
      curves.add(curve);
      aucs.add(group.getAuc());
      lift.add(new SvgCharts.Series(name(group), values(group.getDecilesList(), Measure.LIFT), g));
    }
    if (!curves.isEmpty()) {
      html.append(SvgCharts.roc("ROC curve", names, curves, aucs));
      List<String> deciles = new ArrayList<>();
      for (int d = 1; d <= 10; d++) {
        deciles.add(String.valueOf(d));
      }
      html.append(
          SvgCharts.bars(
              "Lift by decile",
              deciles,
              lift,
              1,
              "base\nrate",
              "lift (1 = top decile)",
              "%.1f",
              false));
    }
    Set<String> bandNames = new LinkedHashSet<>();
    groups.forEach(group -> group.getBandsList().forEach(band -> bandNames.add(band.getName())));
    List<String> bands = List.copyOf(bandNames);
    List<SvgCharts.Series> conversion = new ArrayList<>();
    List<SvgCharts.Series> rejection = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      GroupEvaluation group = groups.get(g);
      conversion.add(
          new SvgCharts.Series(name(group), byBand(group, bands, Measure.CONVERSION), g));
      rejection.add(new SvgCharts.Series(name(group), byBand(group, bands, Measure.REJECTION), g));
    }
    if (!bands.isEmpty()) {
      html.append(
          SvgCharts.bars(
              "Conversion by band", bands, conversion, Double.NaN, "", "conversion", "%.0f", true));
      html.append(
          SvgCharts.bars(
              "Disqualified by sales, by band",
              bands,
              rejection,
              Double.NaN,
              "",
              "disqualified",
              "%.0f",
              true));
    }
    html.append("</div>");
  }

  private enum Measure {
    CONVERSION,
    REJECTION,
    LIFT
  }

  private static double[] byBand(GroupEvaluation group, List<String> bands, Measure measure) {
    double[] values = new double[bands.size()];
    for (int b = 0; b < bands.size(); b++) {
      values[b] = Double.NaN;
      for (Segment band : group.getBandsList()) {
        if (band.getName().equals(bands.get(b))) {
          values[b] = value(band, measure);
        }
      }
    }
    return values;
  }

  private static double[] values(List<Segment> segments, Measure measure) {
    double[] values = new double[segments.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(segments.get(i), measure);
    }
    return values;
  }

  private static double value(Segment segment, Measure measure) {
    return switch (measure) {
      case CONVERSION -> segment.getConversionRate();
      case REJECTION -> segment.getDisqualifiedRate();
      case LIFT -> segment.getLift();
    };
  }

  private static void group(StringBuilder html, GroupEvaluation group) {
    html.append("<h2>")
        .append(Html.escape(name(group)))
        .append("</h2><p class=\"meta\">")
        .append(group.getLeads())
        .append(" leads, ")
        .append(group.getConversions())
        .append(" converted (")
        .append(ReportTables.percent(group.getConversionRate()))
        .append("), ")
        .append(group.getDisqualified())
        .append(" disqualified by sales")
        .append(group.getSufficient() ? "; ROC AUC " + ReportTables.fixed(group.getAuc(), 3) : "")
        .append(".</p>");
    if (!group.getSufficient()) {
      html.append("<p class=\"note\">No AUC, deciles or calibration: ")
          .append(Html.escape(group.getNote()))
          .append(".</p>");
    }
    html.append(segments(group.getBandsList(), "band", true));
    if (group.getSufficient()) {
      html.append("<h3>Deciles (1 = highest scores)</h3>")
          .append(segments(group.getDecilesList(), "decile", false))
          .append("<h3>Calibration</h3><table><tr><th>decile</th><th>mean score</th>")
          .append("<th>predicted</th><th>observed</th></tr>");
      for (CalibrationRow row : group.getCalibration().getRowsList()) {
        html.append("<tr><td>")
            .append(Html.escape(row.getDecile()))
            .append("</td><td>")
            .append(ReportTables.fixed(row.getMeanScore(), 1))
            .append("</td><td>")
            .append(ReportTables.percent(row.getPredicted()))
            .append("</td><td>")
            .append(ReportTables.percent(row.getObserved()))
            .append("</td></tr>");
      }
      html.append("</table>");
    }
  }

  private static String segments(List<Segment> segments, String what, boolean rejections) {
    StringBuilder table =
        new StringBuilder("<table><tr><th>")
            .append(what)
            .append(
                "</th><th>scores</th><th>leads</th><th>conversions</th><th>conversion</th>"
                    + "<th>lift</th><th>share of conversions</th>");
    if (rejections) {
      table.append("<th>disqualified</th><th>reasons</th>");
    }
    table.append("</tr>");
    for (Segment s : segments) {
      table
          .append("<tr><td>")
          .append(Html.escape(s.getName()))
          .append("</td><td>")
          .append(
              ReportTables.range(
                  new ScoreMeasures.Segment(
                      s.getName(), s.getMinScore(), s.getMaxScore(), 0, 0, 0, 0, 0)))
          .append("</td><td>")
          .append(s.getLeads())
          .append("</td><td>")
          .append(s.getConversions())
          .append("</td><td>")
          .append(ReportTables.percent(s.getConversionRate()))
          .append("</td><td>")
          .append(ReportTables.fixed(s.getLift(), 2))
          .append("</td><td>")
          .append(ReportTables.percent(s.getCapture()));
      if (rejections) {
        table
            .append("</td><td>")
            .append(ReportTables.percent(s.getDisqualifiedRate()))
            .append("</td><td>")
            .append(Html.escape(reasons(s)));
      }
      table.append("</td></tr>");
    }
    return table.append("</table>").toString();
  }

  /** E.g. "bad fit 12.0 %, no budget 3.0 %". */
  static String reasons(Segment segment) {
    List<String> parts = new ArrayList<>();
    for (ReasonCount reason : segment.getReasonsList()) {
      parts.add(reason.getReason() + " " + ReportTables.percent(reason.getRate()));
    }
    return String.join(", ", parts);
  }

  /** E.g. "version 2 (challenger)". */
  static String name(GroupEvaluation group) {
    return "version "
        + group.getVersion()
        + (group.getArm().isEmpty() ? "" : " (" + group.getArm() + ")");
  }
}
