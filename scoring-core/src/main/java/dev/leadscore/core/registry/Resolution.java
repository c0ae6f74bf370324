package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import dev.leadscore.core.model.CompiledModel;

/**
 * A resolved selector.
 *
 * @param model the exact version to score with
 * @param label the label it was resolved through, empty if none
 * @param arm the experiment arm ({@code champion} or {@code challenger}) that chose it, empty if no
 *     experiment did
 */
public record Resolution(CompiledModel model, String label, String arm) {
  public Resolution {
    requireNonNull(model, "model");
    requireNonNull(label, "label");
    requireNonNull(arm, "arm");
  }

  /** A resolution without an experiment. */
  public Resolution(CompiledModel model, String label) {
    this(model, label, "");
  }
}
