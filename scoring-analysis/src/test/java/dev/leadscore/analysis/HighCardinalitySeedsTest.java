package dev.leadscore.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The measurement behind the table in docs/FITTING.md ("Long-tailed columns"): holdout AUC of `fit`
 * (rare values shrunk towards their group), of `fit` pooling every rare value (the method before),
 * and of {@link RidgeOneHotBaseline}, over ten seeds on the generated data and on the shared leads.
 * About a minute, so it runs only when asked:
 *
 * <pre>
 * mvn -B -pl scoring-analysis -am verify -Dleadscore.measure=true \
 *   -Dtest=HighCardinalitySeedsTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "leadscore.measure", matches = "true")
class HighCardinalitySeedsTest {
  private static final int SEEDS = 10;

  @Test
  void fit_generatedLongTailOverTenSeeds_matchesTheBaselineAndBeatsPooling() {
    double[] ours = new double[SEEDS];
    double[] pooled = new double[SEEDS];
    double[] baseline = new double[SEEDS];
    for (int s = 0; s < SEEDS; s++) {
      HighCardinalityLeads.Data data = HighCardinalityLeads.generate(6_000, 300, s + 1);
      Table table = TableReader.parse(data.csv(), "landing-pages.csv", ReadOptions.defaults());
      FitOptions options =
          FitOptions.defaults("Converted", "landing-pages").withExclude(Set.of("Lead ID"));
      int[][] split = ScorecardFitter.split(table.size(), 0.3, options.seed());
      ours[s] = holdoutAuc(table, options);
      pooled[s] = holdoutAuc(table, options.withLevelLeads(0));
      baseline[s] =
          RidgeOneHotBaseline.holdoutAuc(
              table,
              data.labels(),
              List.of("Web Visits"),
              List.of("Landing Page", "Plan", "Country"),
              split[0],
              split[1]);
      assertThat(ours[s]).isGreaterThan(pooled[s] + 0.01);
      assertThat(ours[s]).isGreaterThan(baseline[s] - 0.01);
    }
    print("generated, 300 pages", ours, pooled, baseline);
    assertThat(mean(ours)).isGreaterThan(mean(baseline) - 0.005);
  }

  @Test
  void fit_sharedLeadsOverTenSeeds_beatsTheBaselineAndKeepsItsAuc() {
    Path file =
        Stream.of("../shared", "../../shared", "../../../shared")
            .map(p -> Path.of(p, "data", "x-education-leads", "leads.csv"))
            .filter(Files::isRegularFile)
            .findFirst()
            .orElse(null);
    assumeTrue(file != null, "the shared leads file is not beside this clone");
    Table table = TableReader.read(file, new ReadOptions(null, Set.of("Select")));
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    List<String> features =
        table.columns().stream()
            .filter(c -> !c.equals("Converted") && !SharedLeadsFileTest.NOT_FEATURES.contains(c))
            .toList();
    ColumnTypes.detect(table, features, Map.of())
        .forEach(
            (column, type) -> (type == ColumnType.NUMERIC ? numeric : categorical).add(column));
    boolean[] labels = Labels.read(table, "Converted");
    double[] ours = new double[SEEDS];
    double[] pooled = new double[SEEDS];
    double[] baseline = new double[SEEDS];
    for (int s = 0; s < SEEDS; s++) {
      FitOptions options =
          new FitOptions(
              "Converted",
              SharedLeadsFileTest.NOT_FEATURES,
              Map.of(),
              0.3,
              s + 1,
              "x-education",
              BandOptions.defaults(),
              List.of("Select"),
              null,
              0.01,
              10,
              "fitted");
      int[][] split = ScorecardFitter.split(table.size(), 0.3, s + 1);
      ours[s] = holdoutAuc(table, options);
      pooled[s] = holdoutAuc(table, options.withLevelLeads(0));
      baseline[s] =
          RidgeOneHotBaseline.holdoutAuc(table, labels, numeric, categorical, split[0], split[1]);
    }
    print("x-education leads", ours, pooled, baseline);
    assertThat(mean(ours)).isGreaterThan(mean(baseline));
    assertThat(mean(ours)).isGreaterThan(mean(pooled) - 0.002);
  }

  private static double holdoutAuc(Table table, FitOptions options) {
    return new ScorecardFitter(ScorecardFitterTest.COMPILER)
        .fit(table, options, Progress.none())
        .holdout()
        .auc();
  }

  private static void print(String data, double[] ours, double[] pooled, double[] baseline) {
    double worst = Double.POSITIVE_INFINITY;
    for (int s = 0; s < SEEDS; s++) {
      System.out.printf(
          Locale.ROOT,
          "%s seed %d: fit %.4f, pooled %.4f, ridge one-hot %.4f%n",
          data,
          s + 1,
          ours[s],
          pooled[s],
          baseline[s]);
      worst = Math.min(worst, ours[s] - baseline[s]);
    }
    System.out.printf(
        Locale.ROOT,
        "%s, mean of %d seeds: fit %.4f, pooled %.4f, ridge one-hot %.4f; worst fit - ridge %+.4f%n",
        data,
        SEEDS,
        mean(ours),
        mean(pooled),
        mean(baseline),
        worst);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
