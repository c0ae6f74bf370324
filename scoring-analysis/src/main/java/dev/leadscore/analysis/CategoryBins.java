package dev.leadscore.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Groups of category values (compared ignoring case, as the {@code attribute} criterion does), one
 * of which also takes rare and unseen values, and a missing bin when the training data had missing
 * values.
 */
final class CategoryBins extends ColumnBins {
  private final List<List<String>> groups;
  private final Map<String, Integer> groupOf;
  private final int defaultGroup;
  private final boolean hasMissing;

  /**
   * @param groups the values of each group as first spelt in the data
   * @param defaultGroup the group that takes values of no group
   */
  CategoryBins(String column, List<List<String>> groups, int defaultGroup, boolean hasMissing) {
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
  }

  static String key(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  @Override
  int size() {
    return groups.size() + (hasMissing ? 1 : 0);
  }

  @Override
  int bin(@Nullable String cell) {
    if (cell == null) {
      return hasMissing ? groups.size() : defaultGroup;
    }
    return groupOf.getOrDefault(key(cell), defaultGroup);
  }

  @Override
  String label(int bin) {
    if (bin == groups.size()) {
      return "missing";
    }
    String values = String.join(", ", groups.get(bin));
    return bin == defaultGroup ? (values.isEmpty() ? "other" : values + ", other") : values;
  }

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
    for (int g = 0; g < groups.size(); g++) {
      if (g != defaultGroup && !groups.get(g).isEmpty()) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("one_of", groups.get(g));
        group.put("points", points[g]);
        cases.add(group);
      }
    }
    return cases;
  }

  @Override
  int defaultPoints(int[] points, double[] shares) {
    return points[defaultGroup];
  }
}
