package dev.leadscore.core.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A lead's rule variables, fixed at construction, that records which of them were read. */
final class FakeRuleInput implements RuleInput {
  private final Map<String, Object> attributes;
  private final Map<String, Long> eventCounts;
  private final double score;
  private final String scoreBand;
  private final Map<String, Double> dimensions;
  private final List<String> reads = new ArrayList<>();

  private FakeRuleInput(
      Map<String, Object> attributes,
      Map<String, Long> eventCounts,
      double score,
      String scoreBand,
      Map<String, Double> dimensions) {
    this.attributes = attributes;
    this.eventCounts = eventCounts;
    this.score = score;
    this.scoreBand = scoreBand;
    this.dimensions = dimensions;
  }

  /** A cold lead with no attributes, events or dimensions. */
  static FakeRuleInput lead() {
    return new FakeRuleInput(Map.of(), Map.of(), 0.0, "cold", Map.of());
  }

  FakeRuleInput withAttributes(Map<String, Object> attributes) {
    return new FakeRuleInput(attributes, eventCounts, score, scoreBand, dimensions);
  }

  FakeRuleInput withEventCounts(Map<String, Long> eventCounts) {
    return new FakeRuleInput(attributes, eventCounts, score, scoreBand, dimensions);
  }

  FakeRuleInput withScore(double score, String scoreBand) {
    return new FakeRuleInput(attributes, eventCounts, score, scoreBand, dimensions);
  }

  FakeRuleInput withDimensions(Map<String, Double> dimensions) {
    return new FakeRuleInput(attributes, eventCounts, score, scoreBand, dimensions);
  }

  /** The CEL names of the variables read so far, in order, once per read. */
  List<String> reads() {
    return List.copyOf(reads);
  }

  @Override
  public String leadId() {
    reads.add("lead_id");
    return "lead-1";
  }

  @Override
  public Map<String, Object> attributes() {
    reads.add("attributes");
    return attributes;
  }

  @Override
  public Map<String, Long> eventCounts() {
    reads.add("event_counts");
    return eventCounts;
  }

  @Override
  public double score() {
    reads.add("score");
    return score;
  }

  @Override
  public String scoreBand() {
    reads.add("score_band");
    return scoreBand;
  }

  @Override
  public Map<String, Double> dimensions() {
    reads.add("dimensions");
    return dimensions;
  }
}
