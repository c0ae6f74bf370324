package dev.leadscore.plugins;

import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import java.util.List;

/**
 * The {@code recency} criterion: points by the whole days since the latest event of the given
 * types, from the first case whose condition holds. Immutable.
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

  private final EventFilter filter;
  private final List<Case> cases;
  private final CriterionResult never;

  RecencyCriterion(EventFilter filter, List<Case> cases, double neverPoints) {
    this.filter = filter;
    this.cases = List.copyOf(cases);
    this.never =
        new CriterionResult(
            neverPoints, "no " + filter.describe() + " yet (" + Reasons.points(neverPoints) + ")");
  }

  @Override
  public CriterionResult evaluate(LeadView lead) {
    int latest = latest(lead);
    if (latest == NONE) {
      return never;
    }
    long ageDays = ageDays(lead, latest);
    double points = pointsForAge(ageDays);
    String reason =
        "last "
            + lead.eventType(latest)
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
