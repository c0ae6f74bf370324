package dev.leadscore.server;

import com.google.common.collect.ImmutableList;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.spi.Message;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.core.CoreModule;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.plugin.PluginDirectory;
import dev.leadscore.core.plugin.PluginExecutor;
import dev.leadscore.core.plugin.PluginModule;
import dev.leadscore.core.registry.ModelRepository;
import dev.leadscore.core.registry.RepositoryModelRegistry;
import dev.leadscore.core.registry.RepositoryWatcher;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code leadscore serve}: loads plugins and models, then serves until SIGTERM or SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start the gRPC server.",
    showDefaultValues = true)
final class ServeCommand implements Callable<Integer> {
  static final String BUNDLED_MODEL = "b2b-default";
  static final String BUNDLED_RESOURCE = "models/" + BUNDLED_MODEL + ".json";

  /** The repository used without {@code --models}: {@code ./models}, created if missing. */
  static final Path DEFAULT_MODELS = Path.of("models");

  /** How often the repository is checked for changes made by hand. */
  static final Duration RELOAD_INTERVAL = Duration.ofMillis(500);

  private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());

  @Option(
      names = "--port",
      defaultValue = "${env:LEADSCORE_PORT:-50051}",
      description = "Port to listen on (env LEADSCORE_PORT); 0 picks a free port.")
  int port;

  @Option(
      names = "--host",
      defaultValue = "${env:LEADSCORE_HOST:-0.0.0.0}",
      description = "Address to bind (env LEADSCORE_HOST).")
  String host = "0.0.0.0";

  @Option(
      names = "--models",
      defaultValue = "${env:LEADSCORE_MODELS}",
      description =
          "Model repository laid out as <dir>/<model-name>/<version>.json (env LEADSCORE_MODELS);"
              + " must exist. Without it: ./models, created if missing. The bundled b2b-default"
              + " is served as version 1 unless the directory has its own.")
  @Nullable Path models;

  @Option(
      names = "--model-cache-size",
      defaultValue = "${env:LEADSCORE_MODEL_CACHE_SIZE:-256}",
      description = "How many compiled model versions to keep in memory.")
  long modelCacheSize = 256;

  @Option(
      names = "--default-model",
      defaultValue = "${env:LEADSCORE_DEFAULT_MODEL:-" + BUNDLED_MODEL + "}",
      description = "Model used when a request names none (env LEADSCORE_DEFAULT_MODEL).")
  String defaultModel = BUNDLED_MODEL;

  @Option(
      names = "--shutdown-grace",
      defaultValue = "20s",
      description = "How long calls in flight may finish after SIGTERM, e.g. 20s or 1m.",
      converter = DurationConverter.class)
  Duration shutdownGrace = Duration.ofSeconds(20);

  @Option(
      names = "--plugins",
      defaultValue = "${env:LEADSCORE_PLUGINS}",
      description =
          "Plugin directory: one sub-folder per plugin holding its jars, each loaded in its own"
              + " class loader (env LEADSCORE_PLUGINS). A folder that fails to load stops start-up.")
  @Nullable Path plugins;

  @Option(
      names = "--criterion-timeout",
      defaultValue = "${env:LEADSCORE_CRITERION_TIMEOUT:-1s}",
      description =
          "Longest a criterion of a --plugins plugin may run for one lead, further capped by the"
              + " call's deadline (env LEADSCORE_CRITERION_TIMEOUT); 0s runs them on the request"
              + " thread without a limit.",
      converter = DurationConverter.class)
  Duration criterionTimeout = Duration.ofSeconds(1);

  @Option(
      names = "--plugin-threads",
      defaultValue = "${env:LEADSCORE_PLUGIN_THREADS:-32}",
      description =
          "Threads that run criteria of --plugins plugins (env LEADSCORE_PLUGIN_THREADS); when all"
              + " are busy, further criteria fail at once.")
  int pluginThreads = 32;

  @Option(
      names = "--allow-invalid-models",
      defaultValue = "${env:LEADSCORE_ALLOW_INVALID_MODELS:-false}",
      description =
          "Start even when model files fail to load (env LEADSCORE_ALLOW_INVALID_MODELS): they are"
              + " logged, listed as FAILED by ListModels and never served. Without it, start-up"
              + " stops and lists every problem.")
  boolean allowInvalidModels;

  @Mixin SecurityOptions security = new SecurityOptions();

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    if (pluginThreads < 1 || criterionTimeout.isNegative()) {
      System.err.println(
          "leadscore: --plugin-threads "
              + pluginThreads
              + ", --criterion-timeout "
              + criterionTimeout
              + " (expected: threads >= 1, timeout >= 0s)");
      return 2;
    }
    PluginExecutor executor =
        PluginExecutor.create(criterionTimeout, pluginThreads, CallDeadlines::nanosLeft);
    RepositoryModelRegistry registry;
    CriterionRegistry criterionTypes;
    try {
      Injector injector = injector(plugins(executor));
      criterionTypes = injector.getInstance(CriterionRegistry.class);
      LOG.log(
          Level.INFO,
          "criterion types: {0}",
          String.join(", ", criterionTypes.factories().keySet()));
      registry = openModels(injector.getInstance(ModelCompiler.class));
    } catch (ScoringException e) {
      executor.close();
      System.err.println("leadscore: " + e.getMessage());
      e.violations().forEach(v -> System.err.println("  " + v));
      return 2;
    }
    LeadscoreServer.Builder builder;
    try {
      builder = secured(LeadscoreServer.builder(serverBuilder()).models(registry, criterionTypes));
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("leadscore: " + e.getMessage());
      return 2;
    }
    RepositoryWatcher watcher = RepositoryWatcher.start(registry.repository(), RELOAD_INTERVAL);
    LeadscoreServer server = builder.clock(Clock.systemUTC()).build().start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.log(Level.INFO, "shutting down, draining calls for up to {0}", shutdownGrace);
                  watcher.close();
                  try {
                    server.shutdown(shutdownGrace);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    executor.close();
                  }
                },
                "leadscore-shutdown"));
    LOG.log(
        Level.INFO,
        "leadscore serving {5} on {0}:{1,number,#} in {2} ms; models: {3}; default model: {4}",
        host,
        server.port(),
        (System.nanoTime() - started) / 1_000_000,
        describe(registry),
        registry.defaultModelName(),
        security.tlsCert == null ? "plaintext" : "TLS");
    server.awaitTermination();
    return 0;
  }

  /**
   * The injector; a start-up failure while creating it (a criterion type provided twice) is
   * rethrown as the {@link ScoringException} it is, not buried in Guice's report.
   */
  private static Injector injector(ImmutableList<CriteriaPlugin> plugins) {
    try {
      return Guice.createInjector(new PluginModule(plugins), new CoreModule());
    } catch (CreationException e) {
      for (Message message : e.getErrorMessages()) {
        if (message.getCause() instanceof ScoringException scoring) {
          throw scoring;
        }
      }
      throw e;
    }
  }

  /** The built-in plugins from the class path, then those of the plugin directory, if any. */
  private ImmutableList<CriteriaPlugin> plugins(PluginExecutor executor) {
    ImmutableList.Builder<CriteriaPlugin> all =
        ImmutableList.<CriteriaPlugin>builder().addAll(CriteriaPlugins.discoverBuiltin());
    if (plugins != null) {
      all.addAll(new PluginDirectory(executor).load(plugins));
    }
    return all.build();
  }

  private LeadscoreServer.Builder secured(LeadscoreServer.Builder builder) throws IOException {
    String token = security.adminToken();
    if (token != null) {
      builder.adminToken(token);
    }
    if (security.mutualTls()) {
      builder.adminClientCertificates();
    }
    if (token == null && !security.mutualTls()) {
      LOG.log(
          Level.WARNING,
          "no --admin-token or --tls-client-ca: ModelService writes are accepted from this host"
              + " only");
    }
    return builder;
  }

  private NettyServerBuilder serverBuilder() throws IOException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    ServerCredentials credentials = security.credentials();
    return credentials == null
        ? NettyServerBuilder.forAddress(address)
        : NettyServerBuilder.forAddress(address, credentials);
  }

  private RepositoryModelRegistry openModels(ModelCompiler compiler) throws IOException {
    Path directory = models == null ? DEFAULT_MODELS : models;
    if (models != null && !Files.isDirectory(models)) {
      throw new ScoringException(
          ScoringErrorCode.STARTUP_FAILED,
          "models directory " + models + " does not exist (expected: a directory)");
    }
    ModelRepository repository =
        ModelRepository.open(
            directory, compiler, Clock.systemUTC(), Map.of(BUNDLED_MODEL, bundledModel()));
    LOG.log(Level.INFO, "model repository: {0}", directory.toAbsolutePath());
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

  static byte[] bundledModel() throws IOException {
    try (InputStream in =
        ServeCommand.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new ScoringException(
            ScoringErrorCode.STARTUP_FAILED, "bundled model " + BUNDLED_RESOURCE + " is missing");
      }
      return in.readAllBytes();
    }
  }

  private static String describe(RepositoryModelRegistry registry) {
    return registry.repository().models().values().stream()
        .map(e -> e.name() + " " + e.versions().keySet())
        .collect(Collectors.joining(", "));
  }
}
