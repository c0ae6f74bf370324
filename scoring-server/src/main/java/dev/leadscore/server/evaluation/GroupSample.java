package dev.leadscore.server.evaluation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The leads one model version scored in one experiment arm, as evaluation needs them: per lead its
 * kept score, band, whether it converted and, for a disqualified lead, the reason. Primitive arrays
 * that grow as leads are added: a few bytes per lead, never the leads themselves.
 */
final class GroupSample {
  final long version;
  final String arm;
  private final Map<String, Integer> bandIndex = new LinkedHashMap<>();
  private double[] scores = new double[256];
  private int[] bands = new int[256];
  private boolean[] converted = new boolean[256];
  private int[] reasons = new int[256];
  private int size;
  private long conversions;
  private long disqualified;
  private double conversionValue;

  GroupSample(long version, String arm) {
    this.version = version;
    this.arm = arm;
  }

  /**
   * @param reason the index of the disqualification reason, -1 for a lead not disqualified
   */
  void add(double score, String band, boolean convertedLead, int reason, double value) {
    if (size == scores.length) {
      int capacity = size * 2;
      scores = Arrays.copyOf(scores, capacity);
      bands = Arrays.copyOf(bands, capacity);
      converted = Arrays.copyOf(converted, capacity);
      reasons = Arrays.copyOf(reasons, capacity);
    }
    scores[size] = score;
    bands[size] = bandIndex.computeIfAbsent(band, name -> bandIndex.size());
    converted[size] = convertedLead;
    reasons[size] = reason;
    size++;
    conversions += convertedLead ? 1 : 0;
    disqualified += reason >= 0 ? 1 : 0;
    conversionValue += convertedLead ? value : 0;
  }

  int size() {
    return size;
  }

  long conversions() {
    return conversions;
  }

  long disqualified() {
    return disqualified;
  }

  double conversionValue() {
    return conversionValue;
  }

  double[] scores() {
    return Arrays.copyOf(scores, size);
  }

  boolean[] labels() {
    return Arrays.copyOf(converted, size);
  }

  /** Each lead's band name. */
  String[] leadBands() {
    String[] names = bandIndex.keySet().toArray(new String[0]);
    String[] leadBands = new String[size];
    for (int i = 0; i < size; i++) {
      leadBands[i] = names[bands[i]];
    }
    return leadBands;
  }

  /** The band names seen, each with the lowest score seen in it. */
  Map<String, Double> bandsSeen() {
    String[] names = bandIndex.keySet().toArray(new String[0]);
    double[] lowest = new double[names.length];
    Arrays.fill(lowest, Double.POSITIVE_INFINITY);
    for (int i = 0; i < size; i++) {
      lowest[bands[i]] = Math.min(lowest[bands[i]], scores[i]);
    }
    Map<String, Double> seen = new LinkedHashMap<>();
    for (int b = 0; b < names.length; b++) {
      seen.put(names[b], lowest[b]);
    }
    return seen;
  }

  /** Disqualifications per reason index among the leads of {@code band}. */
  int[] reasonCounts(String band, int reasonCount) {
    int[] counts = new int[reasonCount];
    Integer index = bandIndex.get(band);
    if (index == null) {
      return counts;
    }
    for (int i = 0; i < size; i++) {
      if (bands[i] == index && reasons[i] >= 0) {
        counts[reasons[i]]++;
      }
    }
    return counts;
  }

  /** Whether each lead is in {@code band}. */
  boolean[] inBand(String band) {
    boolean[] in = new boolean[size];
    Integer index = bandIndex.get(band);
    if (index != null) {
      for (int i = 0; i < size; i++) {
        in[i] = bands[i] == index;
      }
    }
    return in;
  }
}
