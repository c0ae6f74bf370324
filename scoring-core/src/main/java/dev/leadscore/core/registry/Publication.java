package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.model.CompiledModel;
import java.util.List;

/**
 * A version just published, with the warnings its model had (valid settings that are probably
 * mistakes, each with its path in the document).
 *
 * @param version the stored version
 * @param warnings the model's warnings; empty for most models
 * @param compiled the version compiled while it was checked, so that serving it does not compile it
 *     again ({@link RepositoryModelRegistry#publish})
 */
public record Publication(
    ModelVersion version, List<FieldViolation> warnings, CompiledModel compiled) {
  public Publication {
    requireNonNull(version, "version");
    warnings = List.copyOf(warnings);
    requireNonNull(compiled, "compiled");
  }
}
