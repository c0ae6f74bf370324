package dev.leadscore.plugins;

import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import java.util.Arrays;

/**
 * The {@code event_count} criterion: points per counted event, optionally decayed by age and
 * capped. Immutable.
 *
 * <p>Scoring reads only the events of the counted types ({@link
 * dev.leadscore.api.LeadView#eventsOfType}) once to count them and, with decay, once more to
 * collect them in the order sent and weigh them; only decay allocates.
 */
final class EventCountCriterion implements Criterion {

  /** Parsed configuration. {@code decayPerMilli} is 0 without decay. */
  record Settings(
      EventFilter filter,
      double pointsPerEvent,
      int maxCount,
      double minPoints,
      double maxPoints,
      double decayPerMilli,
      String windowText,
      String decayText) {}

  private final Settings settings;
  private final CriterionResult none;
  // " × email_open in 30 days": the part of every reason that does not depend on the lead.
  private final String counted;

  EventCountCriterion(Settings settings) {
    this.settings = settings;
    this.none = CriterionResult.none("no " + settings.filter().describe() + settings.windowText());
    this.counted = " × " + settings.filter().describe() + settings.windowText();
  }

  @Override
  public CriterionResult evaluate(LeadView lead) {
    int count = count(lead);
    if (count == 0) {
      return none;
    }
    double uncapped = units(lead, count) * settings.pointsPerEvent();
    double points = cap(uncapped);
    StringBuilder reason = new StringBuilder(96).append(count).append(counted);
    if (count > settings.maxCount()) {
      reason.append(", capped at ").append(settings.maxCount());
    }
    reason.append(settings.decayText());
    if (points != uncapped) {
      reason.append(", points capped at ").append(Reasons.points(points));
    }
    reason.append(" (").append(Reasons.points(points, 1)).append(')');
    return new CriterionResult(points, reason.toString());
  }

  @Override
  public double points(LeadView lead) {
    int count = count(lead);
    return count == 0 ? 0 : cap(units(lead, count) * settings.pointsPerEvent());
  }

  private int count(LeadView lead) {
    long asOf = lead.asOfMillis();
    return settings.filter().count(lead, settings.filter().fromMillis(asOf), asOf);
  }

  /** The counted events, each weighed by its decay: what points_per_event multiplies. */
  private double units(LeadView lead, int count) {
    if (settings.decayPerMilli() == 0) {
      return Math.min(count, settings.maxCount());
    }
    long asOf = lead.asOfMillis();
    int[] matching =
        settings.filter().matching(lead, settings.filter().fromMillis(asOf), asOf, count);
    if (count <= settings.maxCount()) {
      double sum = 0;
      for (int index : matching) {
        sum += weight(asOf - lead.eventTimeMillis(index));
      }
      return sum;
    }
    long[] times = new long[count];
    for (int i = 0; i < count; i++) {
      times[i] = lead.eventTimeMillis(matching[i]);
    }
    Arrays.sort(times);
    double sum = 0;
    for (int i = count - settings.maxCount(); i < count; i++) {
      sum += weight(asOf - times[i]);
    }
    return sum;
  }

  /** 0.5^(age / half-life), as e^(-ln 2 × age / half-life). */
  private double weight(long ageMillis) {
    return Math.exp(-settings.decayPerMilli() * ageMillis);
  }

  private double cap(double points) {
    return Math.max(settings.minPoints(), Math.min(settings.maxPoints(), points));
  }
}
