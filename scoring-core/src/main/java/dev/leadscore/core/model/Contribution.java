package dev.leadscore.core.model;

import static java.util.Objects.requireNonNull;

/**
 * What one criterion gave one lead.
 *
 * @param criterionId the criterion's id in the model
 * @param dimension its dimension
 * @param points the points after the criterion's cap
 * @param reason for a person
 */
public record Contribution(String criterionId, String dimension, double points, String reason) {
  public Contribution {
    requireNonNull(criterionId, "criterionId");
    requireNonNull(dimension, "dimension");
    requireNonNull(reason, "reason");
  }
}
