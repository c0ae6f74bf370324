package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Groups of category values (compared ignoring case, as the {@code attribute} criterion does), one
 * of which also takes rare and unseen values, a missing bin when the training data had missing
 * values, and <em>levels</em>: values with a feature of their own on top of their group's.
 *
 * <p>Design notes. A level's effect is its group's coefficient plus its own; the L2 penalty pulls
 * its own coefficient towards 0, so a value seen a handful of times is shrunk towards its group
 * (for rare values, the pooled "other" group) instead of being merged into it: partial pooling, as
 * an empirical-Bayes estimate of many small groups does. Features are laid out as groups, then the
 * missing bin, then levels; outcomes (what gets points) in the same order, a group's outcome
 * standing for its values without a level.
 */
final class CategoryBins extends ColumnBins {
  private final List<List<String>> groups;
  private final Map<String, Integer> groupOf;
  private final int defaultGroup;
  private final boolean hasMissing;
  private final List<String> levels;
  private final int[] levelLeads;
  private final Map<String, Integer> levelOf;

  /** Values with a feature of their own and how many training leads had each, most common first. */
  record Levels(List<String> values, int[] leads) {
    static final Levels NONE = new Levels(List.of(), new int[0]);

    Levels {
      values = List.copyOf(values);
      leads = leads.clone();
    }
  }

  /**
   * @param groups the values of each group as first spelt in the data
   * @param defaultGroup the group that takes values of no group
   * @param levels values with a feature of their own, each a value of some group
   */
  CategoryBins(
      String column,
      List<List<String>> groups,
      int defaultGroup,
      boolean hasMissing,
      Levels levels) {
    super(column);
    this.groups = groups.stream().map(List::copyOf).toList();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      for (String value : groups.get(g)) {
        index.put(key(value), g);
      }
    }
    this.groupOf = Map.copyOf(index);
    this.defaultGroup = defaultGroup;
    this.hasMissing = hasMissing;
    this.levels = levels.values();
    this.levelLeads = levels.leads();
    Map<String, Integer> levelIndex = new LinkedHashMap<>();
    for (int l = 0; l < this.levels.size(); l++) {
      levelIndex.put(key(this.levels.get(l)), l);
    }
    this.levelOf = Map.copyOf(levelIndex);
  }

  /** How many training leads had each level, most common first. */
  int[] levelLeads() {
    return levelLeads.clone();
  }

  /** The same bins with only the {@code keep} most common levels. */
  CategoryBins withLevels(int keep) {
    int kept = Math.min(keep, levels.size());
    return new CategoryBins(
        column(),
        groups,
        defaultGroup,
        hasMissing,
        new Levels(levels.subList(0, kept), java.util.Arrays.copyOf(levelLeads, kept)));
  }

  static String key(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  private int firstLevel() {
    return groups.size() + (hasMissing ? 1 : 0);
  }

  @Override
  int features() {
    return firstLevel() + levels.size();
  }

  @Override
  int activate(@Nullable String cell, int[] buffer, int at) {
    if (cell == null) {
      buffer[at] = hasMissing ? groups.size() : defaultGroup;
      return 1;
    }
    String key = key(cell);
    buffer[at] = groupOf.getOrDefault(key, defaultGroup);
    Integer level = levelOf.get(key);
    if (level == null) {
      return 1;
    }
    buffer[at + 1] = firstLevel() + level;
    return 2;
  }

  @Override
  int outcomes() {
    return features();
  }

  @Override
  int outcome(@Nullable String cell) {
    if (cell == null) {
      return hasMissing ? groups.size() : defaultGroup;
    }
    String key = key(cell);
    Integer level = levelOf.get(key);
    return level != null ? firstLevel() + level : groupOf.getOrDefault(key, defaultGroup);
  }

  @Override
  double[] effects(double[] coefficients) {
    double[] effects = coefficients.clone();
    for (int l = 0; l < levels.size(); l++) {
      // Every level is a value of some group: the binner made the levels from grouped values.
      effects[firstLevel() + l] += coefficients[requireNonNull(groupOf.get(key(levels.get(l))))];
    }
    return effects;
  }

  /**
   * The missing case (and one for the placeholders) first, then one {@code one_of} case per
   * distinct number of points, highest first. Values that score what {@code default_points} gives
   * are left out when their group is the default one: the default gives them their points.
   */
  @Override
  List<Map<String, Object>> cases(int[] points, List<String> placeholders) {
    List<Map<String, Object>> cases = new ArrayList<>();
    if (hasMissing) {
      cases.add(NumericBins.missingCase(points[groups.size()]));
      if (!placeholders.isEmpty()) {
        Map<String, Object> placeholder = new LinkedHashMap<>();
        placeholder.put("one_of", List.copyOf(placeholders));
        placeholder.put("points", points[groups.size()]);
        cases.add(placeholder);
      }
    }
    int fallback = points[defaultGroup];
    Map<Integer, List<String>> byPoints = new TreeMap<>(Comparator.reverseOrder());
    for (int g = 0; g < groups.size(); g++) {
      for (String value : groups.get(g)) {
        int outcome = outcome(value);
        if (g != defaultGroup || points[outcome] != fallback) {
          byPoints.computeIfAbsent(points[outcome], p -> new ArrayList<>()).add(value);
        }
      }
    }
    byPoints.forEach(
        (value, values) -> {
          Map<String, Object> group = new LinkedHashMap<>();
          group.put("one_of", values);
          group.put("points", value);
          cases.add(group);
        });
    return cases;
  }

  @Override
  int defaultPoints(int[] points, double[] shares) {
    return points[defaultGroup];
  }
}
