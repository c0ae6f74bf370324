package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a column into bins from the training rows. Numeric columns start from quantile cuts;
 * categorical columns start from one bin per value, with values rarer than the minimum bin size
 * pooled into one "other" bin and the bins ordered by conversion rate. Either way adjacent bins are
 * then merged by {@link BinMerging} until every bin is large enough and converts significantly
 * differently from its neighbours. Pooled values seen often enough keep a feature of their own (see
 * {@link CategoryBins}), so the fit can still tell them apart.
 */
final class Binner {
  private static final int INITIAL_QUANTILES = 20;

  /** The most values of one column with points of their own, the most common first. */
  static final int MAX_LEVELS = 300;

  private final Table table;
  private final boolean[] labels;
  private final int[] rows;
  private final int minLeads;
  private final int maxBins;
  private final int levelLeads;

  /**
   * @param rows the training rows
   * @param minShare the smallest share of training rows a bin may hold
   * @param levelLeads how often a category value too rare for a bin must be seen to get a feature
   *     of its own; 0 for never
   */
  Binner(Table table, boolean[] labels, int[] rows, double minShare, int maxBins, int levelLeads) {
    this.table = table;
    this.labels = labels;
    this.rows = rows;
    this.minLeads = Math.max(20, (int) Math.ceil(minShare * rows.length));
    this.maxBins = maxBins;
    this.levelLeads = levelLeads;
  }

  ColumnBins bin(String column, ColumnType type) {
    int position = table.requireColumn(column, "fitting");
    return type == ColumnType.NUMERIC ? numeric(column, position) : categorical(column, position);
  }

  private NumericBins numeric(String column, int position) {
    double[] values = new double[rows.length];
    int count = 0;
    boolean missing = false;
    for (int row : rows) {
      double value = Numbers.parse(table.cell(row, position));
      if (Double.isNaN(value)) {
        missing = true;
      } else {
        values[count++] = value;
      }
    }
    double[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    double[] cuts = quantileCuts(sorted);
    NumericBins initial = new NumericBins(column, cuts, false);
    List<Bin> bins = counts(initial, position, cuts.length + 1);
    int[] starts = BinMerging.merge(bins, minLeads, maxBins);
    double[] merged = new double[starts.length - 1];
    for (int i = 1; i < starts.length; i++) {
      merged[i - 1] = cuts[starts[i] - 1];
    }
    return new NumericBins(column, merged, missing);
  }

  private static double[] quantileCuts(double[] sorted) {
    List<Double> cuts = new ArrayList<>();
    for (int q = 1; q < INITIAL_QUANTILES && sorted.length > 0; q++) {
      double cut = sorted[(int) ((long) q * sorted.length / INITIAL_QUANTILES)];
      if (cut > sorted[0] && (cuts.isEmpty() || cut > cuts.get(cuts.size() - 1))) {
        cuts.add(cut);
      }
    }
    return cuts.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Counts per bin of the training rows; rows without a bin (missing values) are left out. */
  private List<Bin> counts(ColumnBins bins, int position, int size) {
    int[] leads = new int[size];
    int[] conversions = new int[size];
    for (int row : rows) {
      int bin = bins.outcome(table.cell(row, position));
      if (bin >= 0 && bin < size) {
        leads[bin]++;
        conversions[bin] += labels[row] ? 1 : 0;
      }
    }
    List<Bin> result = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      result.add(new Bin(leads[i], conversions[i]));
    }
    return result;
  }

  private CategoryBins categorical(String column, int position) {
    Map<String, String> spelling = new LinkedHashMap<>();
    Map<String, Bin> byValue = new LinkedHashMap<>();
    boolean missing = false;
    for (int row : rows) {
      String cell = table.cell(row, position);
      if (cell == null) {
        missing = true;
        continue;
      }
      String key = CategoryBins.key(cell);
      spelling.putIfAbsent(key, cell);
      byValue.merge(key, new Bin(1, labels[row] ? 1 : 0), Bin::plus);
    }
    List<List<String>> groups = new ArrayList<>();
    List<Bin> bins = new ArrayList<>();
    List<String> rare = new ArrayList<>();
    Bin rareBin = new Bin(0, 0);
    for (Map.Entry<String, Bin> entry : byValue.entrySet()) {
      if (entry.getValue().leads() >= minLeads) {
        groups.add(new ArrayList<>(List.of(spelling.get(entry.getKey()))));
        bins.add(entry.getValue());
      } else {
        rare.add(spelling.get(entry.getKey()));
        rareBin = rareBin.plus(entry.getValue());
      }
    }
    int other = groups.size();
    groups.add(rare);
    bins.add(rareBin);
    return mergeByRate(column, groups, bins, other, missing, levels(byValue, spelling));
  }

  /**
   * The values that get a feature of their own: those too rare for a bin of their own but seen at
   * least {@code levelLeads} times, the most common {@link #MAX_LEVELS} of them, most common first
   * (ties in order of appearance); with their counts.
   */
  private CategoryBins.Levels levels(Map<String, Bin> byValue, Map<String, String> spelling) {
    List<Map.Entry<String, Bin>> rare = new ArrayList<>();
    if (levelLeads > 0) {
      byValue.forEach(
          (key, bin) -> {
            if (bin.leads() < minLeads && bin.leads() >= levelLeads) {
              rare.add(Map.entry(key, bin));
            }
          });
    }
    // A stable sort keeps ties in order of appearance.
    rare.sort(
        Comparator.comparingInt((Map.Entry<String, Bin> entry) -> entry.getValue().leads())
            .reversed());
    List<Map.Entry<String, Bin>> kept = rare.subList(0, Math.min(MAX_LEVELS, rare.size()));
    return new CategoryBins.Levels(
        kept.stream().map(entry -> requireNonNull(spelling.get(entry.getKey()))).toList(),
        kept.stream().mapToInt(entry -> entry.getValue().leads()).toArray());
  }

  private CategoryBins mergeByRate(
      String column,
      List<List<String>> groups,
      List<Bin> bins,
      int other,
      boolean missing,
      CategoryBins.Levels levels) {
    Integer[] order = new Integer[groups.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> bins.get(i).rate()));
    List<Bin> ordered = new ArrayList<>();
    for (Integer index : order) {
      ordered.add(bins.get(index));
    }
    // The pooled "other" bin may be empty (no rare values): it then merges with a neighbour.
    int[] starts = BinMerging.merge(ordered, minLeads, Integer.MAX_VALUE);
    List<List<String>> merged = new ArrayList<>();
    int defaultGroup = -1;
    for (int s = 0; s < starts.length; s++) {
      int end = s + 1 < starts.length ? starts[s + 1] : order.length;
      List<String> values = new ArrayList<>();
      for (int k = starts[s]; k < end; k++) {
        values.addAll(groups.get(order[k]));
        if (order[k] == other) {
          defaultGroup = s;
        }
      }
      merged.add(values);
    }
    return new CategoryBins(column, merged, defaultGroup, missing, levels);
  }
}
