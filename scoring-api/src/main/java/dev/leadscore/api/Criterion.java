package dev.leadscore.api;

import java.util.Map;

/**
 * One configured criterion of a compiled model: turns a lead into points.
 *
 * <p>Instances are created once per model version and shared by every request scored with it:
 * implementations must be immutable and thread-safe, should not block, and should not allocate more
 * than the result on {@link #points}. A criterion that throws fails only the request being scored.
 * A criterion that must wait (an enrichment lookup, say) belongs in a plugin loaded from the plugin
 * directory, whose criteria run under a time limit and should give up when interrupted.
 *
 * @since 0.1
 */
public interface Criterion {

  /**
   * Scores the lead and says why, for a person reading the explanation.
   *
   * @param lead the lead, with the clock of the request ({@link LeadView#asOfMillis()})
   * @return points (negative allowed) and a reason such as {@code job_title contains "vp" (+20)}
   * @since 0.1
   */
  CriterionResult evaluate(LeadView lead);

  /**
   * Scores the lead without building a reason; called when the caller did not ask for an
   * explanation. Must return the same points as {@link #evaluate}. Override it when building the
   * reason costs more than the points.
   *
   * @since 0.1
   */
  default double points(LeadView lead) {
    return evaluate(lead).points();
  }

  /**
   * The lead attributes this criterion reads and the type it expects of each. A request whose lead
   * carries one of them with another type is refused with {@code INVALID_ARGUMENT} naming the
   * attribute, before any criterion runs. Attributes that are absent or {@code null} are always
   * accepted.
   *
   * @since 0.1
   */
  default Map<String, AttributeType> attributeTypes() {
    return Map.of();
  }
}
