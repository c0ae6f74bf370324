package dev.leadscore.plugins;

import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import java.util.List;

/**
 * The {@code recency} criterion: points by the whole days since the latest event of the given
 * types, from the first case whose condition holds. Thread-safe: its configuration is immutable,
 * and so are the results it keeps. The result depends on the latest event's type and whole days
 * alone, so the explanation of an age under {@link #KEPT_DAYS} days is built once per type (for the
 * first {@link #KEPT_TYPES} types) and then shared.
 */
final class RecencyCriterion implements Criterion {

  /**
   * One case: {@code within} days ({@code age <= days}) or older than days ({@code age > days}).
   */
  record Case(boolean within, double days, double points) {
    boolean matches(long ageDays) {
      return within ? ageDays <= days : ageDays > days;
    }
  }

  private static final int NONE = -1;

  /** Ages in whole days below this keep their result per type: made once, shared by every lead. */
  static final int KEPT_DAYS = 128;

  /**
   * How many of the filter's types, the first given, keep results; the others are built per lead.
   * Bounds what a criterion holds (at most this many times {@link #KEPT_DAYS} results) whatever the
   * number of types the model lists.
   */
  static final int KEPT_TYPES = 8;

  private final EventFilter filter;
  private final List<Case> cases;
  private final CriterionResult never;
  // The result for the filter's type t and age d at [t][d], each made on first use; published as
  // EventCountCriterion's are (immutable results, read whole or made again).
  private final CriterionResult[][] byTypeAndAge;

  RecencyCriterion(EventFilter filter, List<Case> cases, double neverPoints) {
    this.filter = filter;
    this.cases = List.copyOf(cases);
    this.never =
        new CriterionResult(
            neverPoints, "no " + filter.describe() + " yet (" + Reasons.points(neverPoints) + ")");
    this.byTypeAndAge = new CriterionResult[Math.min(filter.types().size(), KEPT_TYPES)][KEPT_DAYS];
  }

  @Override
  public CriterionResult evaluate(LeadView lead) {
    int latest = latest(lead);
    if (latest == NONE) {
      return never;
    }
    long ageDays = ageDays(lead, latest);
    String type = lead.eventType(latest);
    int t = ageDays < KEPT_DAYS ? filter.types().indexOf(type) : -1;
    if (t < 0 || t >= byTypeAndAge.length) {
      return result(type, ageDays);
    }
    CriterionResult result = byTypeAndAge[t][(int) ageDays];
    if (result == null) {
      result = result(filter.types().get(t), ageDays);
      byTypeAndAge[t][(int) ageDays] = result;
    }
    return result;
  }

  private CriterionResult result(String type, long ageDays) {
    double points = pointsForAge(ageDays);
    String reason =
        "last "
            + type
            + " "
            + ageDays
            + (ageDays == 1 ? " day ago (" : " days ago (")
            + Reasons.points(points)
            + ")";
    return new CriterionResult(points, reason);
  }

  @Override
  public double points(LeadView lead) {
    int latest = latest(lead);
    return latest == NONE ? never.points() : pointsForAge(ageDays(lead, latest));
  }

  /** The index of the latest matching event, the first sent among equally late ones. */
  private int latest(LeadView lead) {
    long asOf = lead.asOfMillis();
    return filter.latest(lead, filter.fromMillis(asOf), asOf);
  }

  private static long ageDays(LeadView lead, int index) {
    // Matching events are never after the clock, so the age is >= 0 and division floors it.
    return (lead.asOfMillis() - lead.eventTimeMillis(index)) / CriterionConfigs.DAY_MILLIS;
  }

  private double pointsForAge(long ageDays) {
    for (int i = 0; i < cases.size(); i++) {
      if (cases.get(i).matches(ageDays)) {
        return cases.get(i).points();
      }
    }
    return 0;
  }
}
