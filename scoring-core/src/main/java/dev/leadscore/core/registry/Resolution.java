package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import dev.leadscore.core.model.CompiledModel;

/**
 * A resolved selector.
 *
 * @param model the exact version to score with
 * @param label the label it was resolved through, empty if none
 */
public record Resolution(CompiledModel model, String label) {
  public Resolution {
    requireNonNull(model, "model");
    requireNonNull(label, "label");
  }
}
