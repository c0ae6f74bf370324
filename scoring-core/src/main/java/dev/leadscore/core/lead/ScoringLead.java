package dev.leadscore.core.lead;

import dev.leadscore.api.LeadView;
import java.util.Map;

/**
 * A lead as the engine scores it: the plugin-facing {@link LeadView}, plus what rules need. Not
 * thread-safe; lives for one request.
 */
public interface ScoringLead extends LeadView {

  /**
   * Every attribute as a plain Java value ({@link String}, {@link Double}, {@link Boolean}, {@link
   * java.util.List}, {@link Map}, or {@link Values#NULL} for an explicit null). Built on first
   * call.
   */
  Map<String, Object> attributeValues();

  /** The number of events of each type at or before {@link #asOfMillis()}. Built on first call. */
  Map<String, Long> eventCounts();
}
