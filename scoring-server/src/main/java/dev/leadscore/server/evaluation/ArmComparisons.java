package dev.leadscore.server.evaluation;

import dev.leadscore.evaluation.ArmDifferences;
import dev.leadscore.evaluation.ArmSample;
import dev.leadscore.evaluation.Bootstrap;
import dev.leadscore.evaluation.Interval;
import dev.leadscore.proto.v1.ArmComparison;
import dev.leadscore.proto.v1.ArmComparison.Verdict;
import dev.leadscore.proto.v1.Band;
import dev.leadscore.proto.v1.Difference;
import java.util.List;
import java.util.Locale;

/**
 * Champion against challenger: the difference of their AUCs and of the conversion of the leads each
 * placed in its top band, with bootstrap intervals over the two arms as independent samples ({@link
 * Bootstrap#arms}), and a verdict only where an interval excludes zero.
 */
final class ArmComparisons {
  private ArmComparisons() {}

  static ArmComparison compare(
      GroupSample champion,
      List<Band> championBands,
      GroupSample challenger,
      List<Band> challengerBands,
      int minOutcomes,
      int resamples,
      long seed) {
    String championTop = top(championBands);
    String challengerTop = top(challengerBands);
    boolean[] championInTop = champion.inBand(championTop);
    boolean[] challengerInTop = challenger.inBand(challengerTop);
    ArmComparison.Builder comparison =
        ArmComparison.newBuilder()
            .setChampionVersion(champion.version)
            .setChallengerVersion(challenger.version)
            .setTopBand(challengerTop)
            .setChampionTopConversion(rate(champion.labels(), championInTop))
            .setChallengerTopConversion(rate(challenger.labels(), challengerInTop))
            .setConfidence(Bootstrap.CONFIDENCE)
            .setResamples(resamples)
            .setSeed(seed);
    if (!GroupReports.sufficient(champion, minOutcomes)
        || !GroupReports.sufficient(challenger, minOutcomes)) {
      return comparison
          .setVerdict(Verdict.INSUFFICIENT_DATA)
          .setSummary(
              String.format(
                  Locale.ROOT,
                  "too few outcomes to compare: the champion (version %d) has %d converted and %d"
                      + " unconverted leads, the challenger (version %d) %d and %d (expected: at"
                      + " least %d of each in both arms)",
                  champion.version,
                  champion.conversions(),
                  champion.size() - champion.conversions(),
                  challenger.version,
                  challenger.conversions(),
                  challenger.size() - challenger.conversions(),
                  minOutcomes))
          .build();
    }
    ArmDifferences differences =
        Bootstrap.arms(
            new ArmSample(champion.scores(), champion.labels(), championInTop),
            new ArmSample(challenger.scores(), challenger.labels(), challengerInTop),
            resamples,
            seed);
    Verdict verdict = verdict(differences.auc().sign(), differences.topConversion().sign());
    return comparison
        .setAuc(difference(differences.auc()))
        .setTopConversion(difference(differences.topConversion()))
        .setVerdict(verdict)
        .setSummary(summary(verdict, differences, challengerTop))
        .build();
  }

  /** A verdict only from intervals that exclude zero; opposite signs are mixed. */
  static Verdict verdict(int auc, int top) {
    if (auc == 0 && top == 0) {
      return Verdict.NO_SIGNIFICANT_DIFFERENCE;
    }
    if (auc >= 0 && top >= 0) {
      return Verdict.CHALLENGER_BETTER;
    }
    if (auc <= 0 && top <= 0) {
      return Verdict.CHAMPION_BETTER;
    }
    return Verdict.MIXED;
  }

  private static String summary(Verdict verdict, ArmDifferences differences, String top) {
    String words =
        switch (verdict) {
          case CHALLENGER_BETTER -> "challenger better";
          case CHAMPION_BETTER -> "champion better";
          case MIXED -> "mixed: one measure favours each arm";
          case NO_SIGNIFICANT_DIFFERENCE -> "no significant difference";
          case INSUFFICIENT_DATA, VERDICT_UNSPECIFIED, UNRECOGNIZED -> "no verdict";
        };
    Interval auc = differences.auc();
    Interval conversion = differences.topConversion();
    return String.format(
        Locale.ROOT,
        "%s: AUC %+.3f (%.0f %% interval %+.3f to %+.3f), %s conversion %s; challenger minus"
            + " champion, %d bootstrap resamples, seed %d",
        words,
        auc.estimate(),
        100 * differences.confidence(),
        auc.low(),
        auc.high(),
        top,
        conversion.available()
            ? String.format(
                Locale.ROOT,
                "%+.1f points (%+.1f to %+.1f)",
                100 * conversion.estimate(),
                100 * conversion.low(),
                100 * conversion.high())
            : "not measurable (an arm placed no lead in it)",
        differences.resamples(),
        differences.seed());
  }

  private static Difference difference(Interval interval) {
    if (!interval.available()) {
      return Difference.newBuilder().setAvailable(false).build();
    }
    return Difference.newBuilder()
        .setAvailable(true)
        .setEstimate(interval.estimate())
        .setLow(interval.low())
        .setHigh(interval.high())
        .setSignificant(interval.sign() != 0)
        .build();
  }

  private static String top(List<Band> bands) {
    return bands.isEmpty() ? "" : bands.get(bands.size() - 1).getName();
  }

  private static double rate(boolean[] labels, boolean[] in) {
    long leads = 0;
    long converted = 0;
    for (int i = 0; i < labels.length; i++) {
      if (in[i]) {
        leads++;
        converted += labels[i] ? 1 : 0;
      }
    }
    return leads == 0 ? Double.NaN : (double) converted / leads;
  }
}
