package dev.leadscore.api;

import static java.util.Objects.requireNonNull;

/**
 * Describes one configuration field of a criterion type, for documentation and model editors.
 *
 * @param name the field name, or a dotted path such as {@code cases[].points}
 * @param type a short type, e.g. {@code string}, {@code number}, {@code list<string>}
 * @param required whether a configuration must give it
 * @param description what it does, with its default
 * @since 0.1
 */
public record ConfigField(String name, String type, boolean required, String description) {
  public ConfigField {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(description, "description");
  }
}
