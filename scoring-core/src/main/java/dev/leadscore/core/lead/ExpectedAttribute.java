package dev.leadscore.core.lead;

import static java.util.Objects.requireNonNull;

import dev.leadscore.api.AttributeType;

/**
 * The type a model's criterion expects of a lead attribute.
 *
 * @param type the expected type
 * @param criterionId the criterion that reads it, named in violations
 */
public record ExpectedAttribute(AttributeType type, String criterionId) {
  public ExpectedAttribute {
    requireNonNull(type, "type");
    requireNonNull(criterionId, "criterionId");
  }
}
