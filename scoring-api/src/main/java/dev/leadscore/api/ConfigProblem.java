package dev.leadscore.api;

import static java.util.Objects.requireNonNull;

/**
 * One problem in a model, found while compiling it, or one warning (see {@link
 * CriterionConfig#warning(String, String)}): the same path and message, but a warning never makes
 * the model invalid.
 *
 * @param path where, e.g. {@code criteria[3].config.cases[1].min}
 * @param message what is wrong and what was expected, e.g. {@code -3 (expected: >= 0)}
 * @since 0.1
 */
public record ConfigProblem(String path, String message) {
  public ConfigProblem {
    requireNonNull(path, "path");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
