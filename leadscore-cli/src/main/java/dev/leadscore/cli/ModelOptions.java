package dev.leadscore.cli;

import dev.leadscore.server.LeadscoreRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code serve} options of the model repository, and opening it. */
final class ModelOptions {
  /** The repository used without {@code --models}: {@code ./models}, created if missing. */
  static final Path DEFAULT_MODELS = Path.of("models");

  @Option(
      names = "--models",
      description =
          "Model repository laid out as <dir>/<model-name>/<version>.json; must exist. Without it:"
              + " the --store when it is redis://... (shared by every replica), else ./models,"
              + " created if missing. The bundled b2b-default is served as version 1 unless the"
              + " repository has its own.")
  @Nullable Path models;

  @Option(
      names = "--model-cache-size",
      defaultValue = "256",
      description = "How many compiled model versions to keep in memory.")
  long modelCacheSize = 256;

  @Option(
      names = "--default-model",
      defaultValue = LeadscoreRuntime.BUNDLED_MODEL,
      description = "Model used when a request names none.")
  String defaultModel = LeadscoreRuntime.BUNDLED_MODEL;

  @Option(
      names = "--allow-invalid-models",
      defaultValue = "false",
      description =
          "Start even when model files fail to load: they are logged, listed as FAILED by"
              + " ListModels and never served. Without it, start-up stops and lists every problem.")
  boolean allowInvalidModels;

  /**
   * The repository directory: {@code --models}, which must exist, else {@code ./models}, created if
   * missing.
   *
   * @throws IllegalArgumentException if {@code --models} names no directory
   */
  Path directory() {
    if (models == null) {
      return DEFAULT_MODELS;
    }
    if (!Files.isDirectory(models)) {
      throw new IllegalArgumentException(
          "models directory " + models + " does not exist (expected: a directory)");
    }
    return models;
  }
}
