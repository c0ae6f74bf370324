package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.model.CompiledModel;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A version just published, with the warnings its model had (valid settings that are probably
 * mistakes, each with its path in the document).
 *
 * @param version the stored version
 * @param warnings the model's warnings; empty for most models
 * @param compiled the version as compiled while it was checked ({@link ModelWrites#check}), so that
 *     serving it does not compile it again ({@link RepositoryModelRegistry#publish}); {@code null}
 *     from a store that does not keep it
 */
public record Publication(
    ModelVersion version, List<FieldViolation> warnings, @Nullable CompiledModel compiled) {
  public Publication {
    requireNonNull(version, "version");
    warnings = List.copyOf(warnings);
    if (compiled != null && compiled.version() != version.version()) {
      throw new IllegalArgumentException(
          "compiled: version " + compiled.version() + " (expected: " + version.version() + ")");
    }
  }

  /** A version published without its compiled model. */
  public Publication(ModelVersion version, List<FieldViolation> warnings) {
    this(version, warnings, null);
  }
}
