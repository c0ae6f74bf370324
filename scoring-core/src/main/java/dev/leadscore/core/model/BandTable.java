package dev.leadscore.core.model;

import java.util.List;

/** Bands by ascending lower bound. */
final class BandTable {
  private final String[] names;
  private final double[] minScores;

  BandTable(List<String> names, double[] minScores) {
    this.names = names.toArray(new String[0]);
    this.minScores = minScores.clone();
  }

  /** The index of the highest band whose lower bound is at most {@code score}. */
  int indexOf(double score) {
    int index = 0;
    for (int i = 1; i < minScores.length && minScores[i] <= score; i++) {
      index = i;
    }
    return index;
  }

  String name(int index) {
    return names[index];
  }
}
