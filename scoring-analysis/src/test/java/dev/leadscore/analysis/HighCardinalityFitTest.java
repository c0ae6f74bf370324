package dev.leadscore.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Value;
import dev.leadscore.evaluation.RocAuc;
import dev.leadscore.proto.v1.CriterionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: on a lead table with a long-tailed, high-cardinality column (300 landing pages, most
 * seen a handful of times), `fit` must hold up against a plain ridge logistic regression on one-hot
 * columns ({@link RidgeOneHotBaseline}) and beat pooling every rare value into one group, as it did
 * before. The data come from a known rule ({@link HighCardinalityLeads}).
 */
class HighCardinalityFitTest {
  private static final HighCardinalityLeads.Data DATA =
      HighCardinalityLeads.generate(6_000, 300, 3);
  private static final Table TABLE =
      TableReader.parse(DATA.csv(), "landing-pages.csv", ReadOptions.defaults());
  private static final FitOptions OPTIONS =
      FitOptions.defaults("Converted", "landing-pages").withExclude(Set.of("Lead ID"));
  private static final FitResult FIT =
      new ScorecardFitter(ScorecardFitterTest.COMPILER).fit(TABLE, OPTIONS, Progress.none());
  private static final int[][] SPLIT = ScorecardFitter.split(TABLE.size(), 0.3, OPTIONS.seed());

  @Test
  void fit_longTailedColumn_holdoutAucMatchesTheRidgeOneHotBaseline() {
    double baseline =
        RidgeOneHotBaseline.holdoutAuc(
            TABLE,
            DATA.labels(),
            List.of("Web Visits"),
            List.of("Landing Page", "Plan", "Country"),
            SPLIT[0],
            SPLIT[1]);

    assertThat(FIT.holdout().auc()).isGreaterThanOrEqualTo(baseline - 0.01);
  }

  @Test
  void fit_longTailedColumn_beatsPoolingEveryRareValue() {
    FitResult pooled =
        new ScorecardFitter(ScorecardFitterTest.COMPILER)
            .fit(TABLE, OPTIONS.withLevelLeads(0), Progress.none());

    assertThat(FIT.holdout().auc()).isGreaterThan(pooled.holdout().auc() + 0.015);
  }

  @Test
  void fit_longTailedColumn_holdoutAucCloseToTheTrueRule() {
    double[] logits = new double[SPLIT[1].length];
    boolean[] labels = new boolean[SPLIT[1].length];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = DATA.logits()[SPLIT[1][i]];
      labels[i] = DATA.labels()[SPLIT[1][i]];
    }

    assertThat(FIT.holdout().auc()).isGreaterThan(RocAuc.auc(logits, labels) - 0.04);
  }

  @Test
  void fit_rarePages_pointsFollowTheirTrueEffects() {
    Map<String, Integer> counts = new HashMap<>();
    for (int row : SPLIT[0]) {
      counts.merge(TABLE.cell(row, TABLE.columnIndex("Landing Page")), 1, Integer::sum);
    }
    Map<String, Double> points = landingPagePoints();
    List<String> rare = new ArrayList<>();
    counts.forEach(
        (page, count) -> {
          if (count >= 5 && count < 20) {
            rare.add(page);
          }
        });
    rare.sort((a, b) -> Double.compare(effect(a), effect(b)));
    double lowest = mean(rare.subList(0, 10), points);
    double highest = mean(rare.subList(rare.size() - 10, rare.size()), points);

    assertThat(rare).hasSizeGreaterThan(40);
    assertThat(highest).isGreaterThan(lowest + 10);
  }

  @Test
  void fit_longTailedColumn_eachPageInOneCaseWithIntegerPoints() {
    CriterionSpec page = landingPage();
    Set<String> seen = new HashSet<>();
    for (Value c : page.getConfig().getFieldsOrThrow("cases").getListValue().getValuesList()) {
      double casePoints = c.getStructValue().getFieldsOrThrow("points").getNumberValue();
      assertThat(casePoints).isEqualTo(Math.rint(casePoints));
      for (Value value :
          c.getStructValue().getFieldsOrThrow("one_of").getListValue().getValuesList()) {
        assertThat(seen.add(value.getStringValue())).isTrue();
      }
    }
    assertThat(seen).hasSizeGreaterThan(100);
  }

  private static CriterionSpec landingPage() {
    return FIT.model().getCriteriaList().stream()
        .filter(c -> c.getId().equals("landing_page"))
        .findFirst()
        .orElseThrow();
  }

  /** Each page's points as the model gives them: its case's, or the default. */
  private static Map<String, Double> landingPagePoints() {
    CriterionSpec page = landingPage();
    double fallback = page.getConfig().getFieldsOrThrow("default_points").getNumberValue();
    Map<String, Double> points = new HashMap<>();
    for (int k = 1; k <= DATA.pageEffects().length; k++) {
      points.put(String.format(java.util.Locale.ROOT, "/lp/%04d", k), fallback);
    }
    for (Value c : page.getConfig().getFieldsOrThrow("cases").getListValue().getValuesList()) {
      double casePoints = c.getStructValue().getFieldsOrThrow("points").getNumberValue();
      for (Value value :
          c.getStructValue().getFieldsOrThrow("one_of").getListValue().getValuesList()) {
        points.put(value.getStringValue(), casePoints);
      }
    }
    return points;
  }

  private static double effect(String page) {
    return DATA.pageEffects()[Integer.parseInt(page.substring("/lp/".length())) - 1];
  }

  private static double mean(List<String> pages, Map<String, Double> points) {
    return pages.stream().mapToDouble(points::get).average().orElseThrow();
  }
}
