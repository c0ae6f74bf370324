package dev.leadscore.core;

import static java.util.Objects.requireNonNull;

/**
 * One bad field of a request or a model document.
 *
 * @param field the path, e.g. {@code lead.events[2].type} or {@code
 *     criteria[3].config.cases[1].min}
 * @param description what is wrong and what was expected
 */
public record FieldViolation(String field, String description) {
  public FieldViolation {
    requireNonNull(field, "field");
    requireNonNull(description, "description");
  }

  @Override
  public String toString() {
    return field.isEmpty() ? description : field + ": " + description;
  }
}
