package dev.leadscore.api;

import static java.util.Objects.requireNonNull;

/**
 * Where a criterion stands in the model being compiled.
 *
 * @param modelName the model's name
 * @param criterionId the criterion's id in the model
 * @param dimension the dimension its points count towards
 * @since 0.1
 */
public record CriterionContext(String modelName, String criterionId, String dimension) {
  public CriterionContext {
    requireNonNull(modelName, "modelName");
    requireNonNull(criterionId, "criterionId");
    requireNonNull(dimension, "dimension");
  }
}
