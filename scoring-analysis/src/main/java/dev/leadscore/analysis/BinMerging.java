package dev.leadscore.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * ChiMerge over an ordered list of bins: adjacent bins are merged, the most alike pair first, while
 * a bin is too small, while a pair's conversion rates do not differ significantly, or while there
 * are more bins than allowed. The result is the list of merged groups, as index ranges of the
 * input.
 */
final class BinMerging {
  /** Chi-square with one degree of freedom at p = 0.05. */
  static final double SIGNIFICANT = 3.841;

  private BinMerging() {}

  /**
   * @return for each merged group, the index of its first input bin, ascending
   */
  static int[] merge(List<Bin> bins, int minLeads, int maxBins) {
    List<Bin> groups = new ArrayList<>(bins);
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < bins.size(); i++) {
      starts.add(i);
    }
    while (groups.size() > 1) {
      int pair = pairToMerge(groups, minLeads, maxBins);
      if (pair < 0) {
        break;
      }
      groups.set(pair, groups.get(pair).plus(groups.get(pair + 1)));
      groups.remove(pair + 1);
      starts.remove(pair + 1);
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The left index of the pair to merge next, or -1 when the bins are final. */
  private static int pairToMerge(List<Bin> groups, int minLeads, int maxBins) {
    int best = -1;
    double bestChi = Double.POSITIVE_INFINITY;
    for (int i = 0; i + 1 < groups.size(); i++) {
      double chi = Bin.chiSquare(groups.get(i), groups.get(i + 1));
      if (chi < bestChi) {
        bestChi = chi;
        best = i;
      }
    }
    int small = smallest(groups);
    if (groups.get(small).leads() < minLeads) {
      return neighbourToMerge(groups, small);
    }
    return bestChi < SIGNIFICANT || groups.size() > maxBins ? best : -1;
  }

  private static int smallest(List<Bin> groups) {
    int smallest = 0;
    for (int i = 1; i < groups.size(); i++) {
      if (groups.get(i).leads() < groups.get(smallest).leads()) {
        smallest = i;
      }
    }
    return smallest;
  }

  /** Merges a small bin with whichever neighbour it converts more alike. */
  private static int neighbourToMerge(List<Bin> groups, int index) {
    if (index == 0) {
      return 0;
    }
    if (index == groups.size() - 1) {
      return index - 1;
    }
    double left = Bin.chiSquare(groups.get(index - 1), groups.get(index));
    double right = Bin.chiSquare(groups.get(index), groups.get(index + 1));
    return left <= right ? index - 1 : index;
  }
}
