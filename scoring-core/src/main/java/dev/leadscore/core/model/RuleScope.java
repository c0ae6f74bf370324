package dev.leadscore.core.model;

import com.google.common.collect.ImmutableList;
import dev.leadscore.api.EventIndices;
import dev.leadscore.core.lead.ScoringLead;
import dev.leadscore.core.rule.RuleInput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The variables rules see for one lead; each is built only if a rule reads it. */
final class RuleScope implements RuleInput {
  private final ScoringLead lead;
  private final ImmutableList<String> dimensionNames;
  private final double[] dimensionPoints;
  private @Nullable Map<String, Double> dimensions;
  private final String grade;
  private double score;
  private String scoreBand = "";

  RuleScope(
      ScoringLead lead,
      ImmutableList<String> dimensionNames,
      double[] dimensionPoints,
      String grade) {
    this.lead = lead;
    this.dimensionNames = dimensionNames;
    this.dimensionPoints = dimensionPoints;
    this.grade = grade;
  }

  void score(double score, BandTable bands) {
    this.score = score;
    this.scoreBand = bands.name(bands.indexOf(score));
  }

  @Override
  public String leadId() {
    return lead.id();
  }

  @Override
  public Map<String, Object> attributes() {
    return lead.attributeValues();
  }

  @Override
  public Map<String, Long> eventCounts() {
    return lead.eventCounts();
  }

  @Override
  public long eventCount(String type) {
    long asOf = lead.asOfMillis();
    EventIndices ofType = lead.eventsOfType(type);
    long count = 0;
    for (int k = 0; k < ofType.size(); k++) {
      if (lead.eventTimeMillis(ofType.get(k)) <= asOf) {
        count++;
      }
    }
    return count;
  }

  @Override
  public double score() {
    return score;
  }

  @Override
  public String scoreBand() {
    return scoreBand;
  }

  @Override
  public String grade() {
    return grade;
  }

  @Override
  public Map<String, Double> dimensions() {
    Map<String, Double> map = dimensions;
    if (map == null) {
      Map<String, Double> built = new LinkedHashMap<>();
      for (int i = 0; i < dimensionPoints.length; i++) {
        built.put(dimensionNames.get(i), dimensionPoints[i]);
      }
      map = Collections.unmodifiableMap(built);
      dimensions = map;
    }
    return map;
  }
}
