package dev.leadscore.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The quality bar on the public X Education leads file, when a copy sits beside the clone (at
 * {@code ../shared/data/}); skipped otherwise. Nothing in the fitter knows this file: the test
 * passes exactly what a user passes on the command line.
 */
class SharedLeadsFileTest {
  static final Set<String> NOT_FEATURES =
      Set.of(
          "Prospect ID",
          "Lead Number",
          "Tags",
          "Lead Quality",
          "Lead Profile",
          "Last Notable Activity",
          "Asymmetrique Activity Index",
          "Asymmetrique Profile Index",
          "Asymmetrique Activity Score",
          "Asymmetrique Profile Score");

  @Test
  void fit_xEducationLeadsWithoutPostContactColumns_holdoutAucAtLeast089AndBandsRise() {
    Table table = table();

    FitResult fit = fit(table);

    assertThat(fit.holdout().leads()).isEqualTo(2_772);
    assertThat(fit.holdout().auc()).isGreaterThanOrEqualTo(0.89);
    assertThat(fit.warnings()).isEmpty();
  }

  @Test
  void fit_xEducationLeads_matchesTheRidgeOneHotBaseline() {
    Table table = table();
    List<String> features =
        table.columns().stream()
            .filter(c -> !c.equals("Converted") && !NOT_FEATURES.contains(c))
            .toList();
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    ColumnTypes.detect(table, features, Map.of())
        .forEach(
            (column, type) -> (type == ColumnType.NUMERIC ? numeric : categorical).add(column));
    int[][] split = ScorecardFitter.split(table.size(), 0.3, 42);

    double baseline =
        RidgeOneHotBaseline.holdoutAuc(
            table, Labels.read(table, "Converted"), numeric, categorical, split[0], split[1]);

    assertThat(fit(table).holdout().auc()).isGreaterThanOrEqualTo(baseline - 0.01);
  }

  private static Table table() {
    Path file =
        Stream.of("../shared", "../../shared", "../../../shared")
            .map(p -> Path.of(p, "data", "x-education-leads", "leads.csv"))
            .filter(Files::isRegularFile)
            .findFirst()
            .orElse(null);
    assumeTrue(file != null, "the shared leads file is not beside this clone");
    return TableReader.read(file, new ReadOptions(null, Set.of("Select")));
  }

  private static FitResult fit(Table table) {
    FitOptions options =
        new FitOptions(
            "Converted",
            NOT_FEATURES,
            Map.of(),
            0.3,
            42,
            "x-education",
            BandOptions.defaults(),
            List.of("Select"),
            null,
            0.01,
            10,
            "fitted");
    return new ScorecardFitter(ScorecardFitterTest.COMPILER).fit(table, options, Progress.none());
  }
}
