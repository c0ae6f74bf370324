package dev.leadscore.plugins;

import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The {@code event_count} criterion: points per counted event, optionally decayed by age and
 * capped. Thread-safe: its configuration is immutable, and the results it keeps are too.
 *
 * <p>Scoring reads only the events of the counted types ({@link
 * dev.leadscore.api.LeadView#eventsOfType}) once to count them and, with decay, once more to
 * collect them in the order sent and weigh them; only decay allocates. Without decay the result,
 * reason included, depends on the count alone: the explanation of a count up to {@link
 * #KEPT_COUNTS} is built once and then shared, so explaining allocates nothing either.
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

  /**
   * How many counts keep their result: without decay the result depends on the count alone, so the
   * results of counts 1 to this are built once, when first needed, and shared by every lead.
   */
  static final int KEPT_COUNTS = 64;

  private final Settings settings;
  private final CriterionResult none;
  // " × email_open in 30 days": the part of every reason that does not depend on the lead.
  private final String counted;
  // Without decay, the result of count c at [c]; each made on first use. A CriterionResult is
  // immutable (final fields), so a thread that reads a slot another thread filled sees it whole,
  // or null and makes an equal one.
  private final CriterionResult @Nullable [] byCount;

  EventCountCriterion(Settings settings) {
    this.settings = settings;
    this.none = CriterionResult.none("no " + settings.filter().describe() + settings.windowText());
    this.counted = " × " + settings.filter().describe() + settings.windowText();
    this.byCount = settings.decayPerMilli() == 0 ? new CriterionResult[KEPT_COUNTS + 1] : null;
  }

  @Override
  public CriterionResult evaluate(LeadView lead) {
    int count = count(lead);
    if (count == 0) {
      return none;
    }
    CriterionResult[] kept = byCount;
    if (kept == null || count > KEPT_COUNTS) {
      return result(count, units(lead, count));
    }
    CriterionResult result = kept[count];
    if (result == null) {
      result = result(count, units(lead, count));
      kept[count] = result;
    }
    return result;
  }

  private CriterionResult result(int count, double units) {
    double uncapped = units * settings.pointsPerEvent();
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
