package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

/**
 * What a request asks for: a model name (empty: the default model) and at most one of a version
 * ({@code > 0}) or a label (non-empty).
 */
public record ModelSelector(String name, long version, String label) {
  public ModelSelector {
    requireNonNull(name, "name");
    requireNonNull(label, "label");
    if (version < 0) {
      throw new IllegalArgumentException("version: " + version + " (expected: >= 0)");
    }
    if (version > 0 && !label.isEmpty()) {
      throw new IllegalArgumentException("version and label: both given (expected: at most one)");
    }
  }

  /** The default model's default version. */
  public static ModelSelector defaultModel() {
    return new ModelSelector("", 0, "");
  }
}
