package dev.leadscore.server;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.registry.ModelRepository;
import dev.leadscore.core.registry.RepositoryModelRegistry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code serve} options of the model repository, and opening it. */
final class ModelOptions {
  private static final System.Logger LOG = System.getLogger(ModelOptions.class.getName());

  @Option(
      names = "--models",
      description =
          "Model repository laid out as <dir>/<model-name>/<version>.json; must exist. Without it:"
              + " ./models, created if missing. The bundled b2b-default is served as version 1"
              + " unless the directory has its own.")
  @Nullable Path models;

  @Option(
      names = "--model-cache-size",
      defaultValue = "256",
      description = "How many compiled model versions to keep in memory.")
  long modelCacheSize = 256;

  @Option(
      names = "--default-model",
      defaultValue = ServeCommand.BUNDLED_MODEL,
      description = "Model used when a request names none.")
  String defaultModel = ServeCommand.BUNDLED_MODEL;

  @Option(
      names = "--allow-invalid-models",
      defaultValue = "false",
      description =
          "Start even when model files fail to load: they are logged, listed as FAILED by"
              + " ListModels and never served. Without it, start-up stops and lists every problem.")
  boolean allowInvalidModels;

  /**
   * Opens the repository and a registry on it. Every model file that fails to load stops start-up,
   * listed with its problems, unless {@code --allow-invalid-models}.
   *
   * @throws ScoringException {@link ScoringErrorCode#STARTUP_FAILED} listing every problem
   */
  RepositoryModelRegistry open(ModelCompiler compiler) throws IOException {
    Path directory = models == null ? ServeCommand.DEFAULT_MODELS : models;
    if (models != null && !Files.isDirectory(models)) {
      throw new ScoringException(
          ScoringErrorCode.STARTUP_FAILED,
          "models directory " + models + " does not exist (expected: a directory)");
    }
    ModelRepository repository =
        ModelRepository.open(
            directory,
            compiler,
            Clock.systemUTC(),
            Map.of(ServeCommand.BUNDLED_MODEL, ServeCommand.bundledModel()));
    LOG.log(Level.INFO, "model repository={0}", directory.toAbsolutePath());
    logModels(repository);
    List<FieldViolation> problems = new ArrayList<>();
    repository.models().values().forEach(entry -> problems.addAll(entry.fileProblems()));
    if (!problems.isEmpty() && !allowInvalidModels) {
      throw ScoringException.invalid(
          ScoringErrorCode.STARTUP_FAILED,
          "models failed to load (start with --allow-invalid-models to serve the others)",
          problems);
    }
    return new RepositoryModelRegistry(repository, compiler, defaultModel, modelCacheSize);
  }

  private static void logModels(ModelRepository repository) {
    repository
        .models()
        .values()
        .forEach(
            entry ->
                entry
                    .versions()
                    .values()
                    .forEach(
                        version ->
                            LOG.log(
                                Level.INFO,
                                "model name={0} version={1,number,#} state={2} source={3}",
                                version.name(),
                                version.version(),
                                version.state(),
                                version.builtin()
                                    ? "classpath:" + ServeCommand.BUNDLED_RESOURCE
                                    : repository.root().resolve(version.name()).toString())));
  }
}
