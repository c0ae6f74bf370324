package dev.leadscore.core.model;

import dev.leadscore.core.rule.RuleCondition;

/**
 * A rule of a compiled model.
 *
 * @param points the points an {@link Kind#ADD_POINTS} rule adds
 * @param bandIndex the band a {@link Kind#FORCE_BAND} rule forces or a {@link Kind#BLOCK_BAND} rule
 *     blocks
 */
record CompiledRule(String id, Kind kind, RuleCondition condition, double points, int bandIndex) {
  enum Kind {
    ADD_POINTS,
    FORCE_BAND,
    BLOCK_BAND,
  }
}
