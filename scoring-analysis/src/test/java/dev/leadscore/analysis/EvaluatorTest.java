package dev.leadscore.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leadscore.evaluation.RocAuc;
import dev.leadscore.evaluation.ScoreMeasures;
import dev.leadscore.proto.v1.Band;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final List<Band> BANDS = List.of(band("cold", 0), band("hot", 65));

  // Ten leads, one per decile; 4 converted. Hand-computed: of the 4 x 6 converted/unconverted
  // pairs, 6 + 6 + 5 + 3 = 20 rank the converted lead higher: AUC 20/24.
  private static final double[] SCORES = {100, 90, 80, 70, 60, 50, 40, 30, 20, 10};
  private static final boolean[] LABELS = {
    true, true, false, true, false, false, true, false, false, false
  };
  private static final String[] LEAD_BANDS = {
    "hot", "hot", "hot", "hot", "cold", "cold", "cold", "cold", "cold", "cold"
  };

  @Test
  void evaluate_handComputedCase_aucBaseRateAndLift() {
    Evaluation evaluation = Evaluator.evaluate("m", BANDS, SCORES, LEAD_BANDS, LABELS);

    assertThat(evaluation.auc()).isCloseTo(20.0 / 24, within(1e-12));
    assertThat(evaluation.baseRate()).isEqualTo(0.4);
    assertThat(evaluation.deciles()).hasSize(10);
    assertThat(evaluation.deciles().get(0).lift()).isCloseTo(2.5, within(1e-12));
    assertThat(evaluation.deciles().get(2).lift()).isZero();
    assertThat(evaluation.deciles().get(0).minScore()).isEqualTo(100);
  }

  @Test
  void evaluate_bands_countConversionRateLiftAndCapture() {
    Evaluation evaluation = Evaluator.evaluate("m", BANDS, SCORES, LEAD_BANDS, LABELS);

    ScoreMeasures.Segment cold = evaluation.bands().get(0);
    ScoreMeasures.Segment hot = evaluation.bands().get(1);
    assertThat(cold.leads()).isEqualTo(6);
    assertThat(cold.conversions()).isEqualTo(1);
    assertThat(cold.capture()).isEqualTo(0.25);
    assertThat(hot.leads()).isEqualTo(4);
    assertThat(hot.rate()).isEqualTo(0.75);
    assertThat(hot.lift()).isCloseTo(1.875, within(1e-12));
    assertThat(hot.minScore()).isEqualTo(65);
    assertThat(hot.maxScore()).isEqualTo(100);
  }

  @Test
  void deciles_tiedScoresAcrossBoundaries_equalScoresShareOneDecileAndRangesAreDisjoint() {
    // 20 leads: 100 x3, 90 x2, 80 x5, then ten distinct scores. Nominal boundaries every 2 leads.
    // Boundary 2 lies in the run of 100s [0, 3): 2 from its start, 1 from its end -> moves to 3.
    // Boundary 4 lies in the 90s [3, 5): equally near both ends -> the later end, 5.
    // Boundary 6 lies in the 80s [5, 10): nearer 5, but that would leave decile 3 empty -> 10;
    // boundary 8 then has nowhere to go but 10 too: deciles 4 and 5 are empty.
    double[] scores = {
      100, 100, 100, 90, 90, 80, 80, 80, 80, 80, 70, 65, 60, 55, 50, 45, 40, 35, 30, 25
    };
    boolean[] labels = new boolean[scores.length];
    labels[0] = true;
    labels[19] = true;
    String[] bands = new String[scores.length];
    java.util.Arrays.fill(bands, "cold");

    Evaluation evaluation =
        Evaluator.evaluate("m", List.of(band("cold", 0)), scores, bands, labels);

    assertThat(evaluation.deciles())
        .extracting(ScoreMeasures.Segment::leads)
        .containsExactly(3, 2, 5, 0, 0, 2, 2, 2, 2, 2);
    assertThat(evaluation.deciles().get(0).minScore()).isEqualTo(100);
    assertThat(evaluation.deciles().get(1).maxScore()).isEqualTo(90);
    assertThat(evaluation.deciles().get(2).minScore()).isEqualTo(80);
    assertThat(evaluation.deciles().get(2).maxScore()).isEqualTo(80);
    assertThat(evaluation.deciles().get(3).maxScore()).isNaN();
    assertThat(evaluation.deciles().get(5).maxScore()).isEqualTo(70);
    assertThat(evaluation.calibration().rows())
        .extracting(ScoreMeasures.CalibrationRow::decile)
        .containsExactly("1", "2", "3", "6", "7", "8", "9", "10");
  }

  @Test
  void deciles_integerScoresWithManyTies_neverShareAScore() {
    java.util.Random random = new java.util.Random(3);
    double[] scores = new double[9_240];
    boolean[] labels = new boolean[scores.length];
    String[] bands = new String[scores.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = Math.round(50 + 12 * random.nextGaussian());
      labels[i] = random.nextDouble() < scores[i] / 100;
      bands[i] = "cold";
    }

    List<ScoreMeasures.Segment> deciles =
        Evaluator.evaluate("m", List.of(band("cold", 0)), scores, bands, labels).deciles();

    int total = 0;
    for (int d = 0; d < deciles.size(); d++) {
      total += deciles.get(d).leads();
      if (d > 0) {
        assertThat(deciles.get(d).maxScore()).isLessThan(deciles.get(d - 1).minScore());
      }
      assertThat(deciles.get(d).leads()).isBetween(400, 1_500);
    }
    assertThat(total).isEqualTo(scores.length);
  }

  @Test
  void auc_tiedScores_countHalf() {
    // Pairs (converted, unconverted): (1,1) tie = 0.5, (1,2) = 0, (3,1) = 1, (3,2) = 1: 2.5 / 4.
    double[] scores = {1, 1, 2, 3};
    boolean[] labels = {false, true, false, true};

    assertThat(RocAuc.auc(scores, labels)).isEqualTo(0.625);
  }

  @Test
  void curve_tiedScores_stepsThroughEachDistinctScore() {
    double[] scores = {1, 1, 2, 3};
    boolean[] labels = {false, true, false, true};

    assertThat(new RocAuc(scores).curve(labels))
        .containsExactly(
            new ScoreMeasures.RocPoint(0, 0),
            new ScoreMeasures.RocPoint(0, 0.5),
            new ScoreMeasures.RocPoint(0.5, 0.5),
            new ScoreMeasures.RocPoint(1, 1));
  }

  @Test
  void auc_reversedScores_isOneMinusAuc() {
    double[] reversed = new double[SCORES.length];
    for (int i = 0; i < SCORES.length; i++) {
      reversed[i] = -SCORES[i];
    }

    assertThat(RocAuc.auc(reversed, LABELS)).isCloseTo(4.0 / 24, within(1e-12));
  }

  @Test
  void calibration_logisticFitWithIntercept_predictsAsManyConversionsAsObserved() {
    Evaluation evaluation = Evaluator.evaluate("m", BANDS, SCORES, LEAD_BANDS, LABELS);

    double predicted = 0;
    double observed = 0;
    for (ScoreMeasures.CalibrationRow row : evaluation.calibration().rows()) {
      predicted += row.predicted();
      observed += row.observed();
    }
    assertThat(predicted).isCloseTo(observed, within(1e-6));
    assertThat(evaluation.calibration().slope()).isPositive();
  }

  static Band band(String name, double min) {
    return Band.newBuilder().setName(name).setMinScore(min).build();
  }
}
