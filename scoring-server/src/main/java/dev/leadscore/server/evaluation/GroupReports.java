package dev.leadscore.server.evaluation;

import dev.leadscore.evaluation.ScoreMeasures;
import dev.leadscore.proto.v1.Band;
import dev.leadscore.proto.v1.Calibration;
import dev.leadscore.proto.v1.CalibrationRow;
import dev.leadscore.proto.v1.GroupEvaluation;
import dev.leadscore.proto.v1.ReasonCount;
import dev.leadscore.proto.v1.RocPoint;
import dev.leadscore.proto.v1.Segment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Measures one version/arm group and writes it as a {@link GroupEvaluation}. */
final class GroupReports {
  /** Reasons listed per band; the rest are summed into "other". */
  private static final int MAX_REASONS = 10;

  private GroupReports() {}

  /** Whether the group has enough outcomes of each kind to measure how it ranks. */
  static boolean sufficient(GroupSample group, int minOutcomes) {
    return group.conversions() >= minOutcomes && group.size() - group.conversions() >= minOutcomes;
  }

  /**
   * @param bands the version's bands, lowest first
   * @param reasons the disqualification reasons by index
   */
  static GroupEvaluation report(
      GroupSample group, List<Band> bands, int minOutcomes, List<String> reasons) {
    GroupEvaluation.Builder report =
        GroupEvaluation.newBuilder()
            .setVersion(group.version)
            .setArm(group.arm)
            .setLeads(group.size())
            .setConversions(group.conversions())
            .setDisqualified(group.disqualified())
            .setConversionRate(
                group.size() == 0 ? Double.NaN : (double) group.conversions() / group.size())
            .setConversionValue(group.conversionValue());
    ScoreMeasures measures =
        ScoreMeasures.of(bands, group.scores(), group.leadBands(), group.labels());
    for (ScoreMeasures.Segment band : measures.bands()) {
      report.addBands(
          segment(band).toBuilder()
              .mergeFrom(
                  rejections(band, group.reasonCounts(band.name(), reasons.size()), reasons)));
    }
    if (!sufficient(group, minOutcomes)) {
      return report
          .setSufficient(false)
          .setNote(
              group.conversions()
                  + " converted and "
                  + (group.size() - group.conversions())
                  + " unconverted leads (expected: at least "
                  + minOutcomes
                  + " of each for an AUC, deciles and calibration)")
          .build();
    }
    report.setSufficient(true).setAuc(measures.auc());
    measures.deciles().forEach(decile -> report.addDeciles(segment(decile)));
    ScoreMeasures.Calibration calibration = measures.calibration();
    Calibration.Builder curve =
        Calibration.newBuilder()
            .setIntercept(calibration.intercept())
            .setSlope(calibration.slope())
            .setMaxGap(calibration.maxGap());
    for (ScoreMeasures.CalibrationRow row : calibration.rows()) {
      curve.addRows(
          CalibrationRow.newBuilder()
              .setDecile(row.decile())
              .setMeanScore(row.meanScore())
              .setPredicted(row.predicted())
              .setObserved(row.observed()));
    }
    report.setCalibration(curve);
    for (ScoreMeasures.RocPoint point : measures.roc()) {
      report.addRoc(
          RocPoint.newBuilder()
              .setFalsePositiveRate(point.falsePositiveRate())
              .setTruePositiveRate(point.truePositiveRate()));
    }
    return report.build();
  }

  private static Segment segment(ScoreMeasures.Segment segment) {
    return Segment.newBuilder()
        .setName(segment.name())
        .setMinScore(segment.minScore())
        .setMaxScore(segment.maxScore())
        .setLeads(segment.leads())
        .setConversions(segment.conversions())
        .setConversionRate(segment.rate())
        .setLift(segment.lift())
        .setCapture(segment.capture())
        .build();
  }

  /** Disqualifications of a band's leads, most frequent reasons first. */
  private static Segment rejections(
      ScoreMeasures.Segment band, int[] counts, List<String> reasons) {
    List<Integer> order = new ArrayList<>();
    long disqualified = 0;
    for (int r = 0; r < counts.length; r++) {
      if (counts[r] > 0) {
        order.add(r);
        disqualified += counts[r];
      }
    }
    order.sort(
        Comparator.comparingInt((Integer r) -> counts[r]).reversed().thenComparing(reasons::get));
    Segment.Builder segment =
        Segment.newBuilder()
            .setDisqualified(disqualified)
            .setDisqualifiedRate(
                band.leads() == 0 ? Double.NaN : (double) disqualified / band.leads());
    long other = 0;
    for (int i = 0; i < order.size(); i++) {
      int r = order.get(i);
      if (i < MAX_REASONS) {
        segment.addReasons(reason(reasons.get(r), counts[r], band.leads()));
      } else {
        other += counts[r];
      }
    }
    if (other > 0) {
      segment.addReasons(reason("other", other, band.leads()));
    }
    return segment.build();
  }

  private static ReasonCount reason(String name, long leads, int bandLeads) {
    return ReasonCount.newBuilder()
        .setReason(name.isEmpty() ? "unspecified" : name)
        .setLeads(leads)
        .setRate((double) leads / bandLeads)
        .build();
  }
}
