package dev.leadscore.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
  private static final Set<String> NOT_FEATURES =
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
    Path file =
        Stream.of("../shared", "../../shared", "../../../shared")
            .map(p -> Path.of(p, "data", "x-education-leads", "leads.csv"))
            .filter(Files::isRegularFile)
            .findFirst()
            .orElse(null);
    assumeTrue(file != null, "the shared leads file is not beside this clone");
    Table table = TableReader.read(file, new ReadOptions(null, Set.of("Select")));
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

    FitResult fit =
        new ScorecardFitter(ScorecardFitterTest.COMPILER).fit(table, options, Progress.none());

    assertThat(fit.holdout().leads()).isEqualTo(2_772);
    assertThat(fit.holdout().auc()).isGreaterThanOrEqualTo(0.89);
    assertThat(fit.warnings()).isEmpty();
  }
}
