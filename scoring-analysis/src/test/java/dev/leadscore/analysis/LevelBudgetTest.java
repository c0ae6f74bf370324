package dev.leadscore.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LevelBudgetTest {
  @Test
  void cases_valuesScoringTheDefaultInTheDefaultGroup_areLeftToTheDefault() {
    // Groups: 0 = {a}, 1 = {b, c, x, y} (takes unseen values); levels x, y of group 1; missing.
    CategoryBins bins =
        new CategoryBins(
            "page",
            List.of(List.of("a"), List.of("b", "c", "x", "y")),
            1,
            true,
            new CategoryBins.Levels(List.of("x", "y"), new int[] {5, 3}));
    // Outcomes: group a, group 1, missing, level x, level y.
    int[] points = {4, 2, 0, 9, 2};

    List<Map<String, Object>> cases = bins.cases(points, List.of());

    assertThat(cases)
        .containsExactly(
            Map.of("missing", true, "points", 0),
            Map.of("one_of", List.of("x"), "points", 9),
            Map.of("one_of", List.of("a"), "points", 4));
    assertThat(bins.defaultPoints(points, new double[5])).isEqualTo(2);
  }

  @Test
  void effects_levelIsItsGroupsCoefficientPlusItsOwn() {
    CategoryBins bins =
        new CategoryBins(
            "page",
            List.of(List.of("a"), List.of("b", "x")),
            1,
            false,
            new CategoryBins.Levels(List.of("X"), new int[] {4}));
    int[] buffer = new int[2];

    assertThat(bins.effects(new double[] {0.5, -1, 0.25})).containsExactly(0.5, -1, -0.75);
    assertThat(bins.activate("x", buffer, 0)).isEqualTo(2);
    assertThat(buffer).containsExactly(1, 2);
    assertThat(bins.outcome("unseen")).isEqualTo(1);
  }

  @Test
  void withinLevelBudget_tooManyLevels_keepsTheMostCommonOverAllColumns() {
    List<ColumnBins> columns = new ArrayList<>();
    columns.add(category("first", 300, 10));
    columns.add(category("second", 300, 12));
    columns.add(new NumericBins("visits", new double[] {3}, false));

    List<ColumnBins> kept = ScorecardFitter.withinLevelBudgetForTest(columns);

    int first = ((CategoryBins) kept.get(0)).levelLeads().length;
    int second = ((CategoryBins) kept.get(1)).levelLeads().length;
    assertThat(first + second).isEqualTo(ScorecardFitter.MAX_LEVELS);
    assertThat(second).isEqualTo(300);
    assertThat(kept.get(2)).isSameAs(columns.get(2));
  }

  /** A column with {@code levels} levels, each seen {@code leads} times. */
  private static CategoryBins category(String name, int levels, int leads) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < levels; i++) {
      values.add(name + i);
    }
    int[] counts = new int[levels];
    Arrays.fill(counts, leads);
    return new CategoryBins(
        name, List.of(values), 0, false, new CategoryBins.Levels(values, counts));
  }
}
