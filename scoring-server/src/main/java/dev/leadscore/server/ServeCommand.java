package dev.leadscore.server;

import com.google.common.collect.ImmutableList;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.spi.Message;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.core.CoreModule;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.plugin.PluginDirectory;
import dev.leadscore.core.plugin.PluginExecutor;
import dev.leadscore.core.plugin.PluginModule;
import dev.leadscore.core.registry.ModelDirectory;
import dev.leadscore.core.registry.StaticModelRegistry;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leadscore serve}: loads plugins and models, then serves until SIGTERM or SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start the gRPC server.",
    showDefaultValues = true)
final class ServeCommand implements Callable<Integer> {
  static final String BUNDLED_MODEL = "b2b-default";
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
          "Model directory laid out as <dir>/<model-name>/<version>.json (env LEADSCORE_MODELS)."
              + " The bundled b2b-default model is served unless the directory has its own.")
  @Nullable Path models;

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
    StaticModelRegistry registry;
    try {
      Injector injector = injector(plugins(executor));
      LOG.log(
          Level.INFO,
          "criterion types: {0}",
          String.join(", ", injector.getInstance(CriterionRegistry.class).factories().keySet()));
      registry = loadModels(new ModelDirectory(injector.getInstance(ModelCompiler.class)));
    } catch (ScoringException e) {
      executor.close();
      System.err.println("leadscore: " + e.getMessage());
      e.violations().forEach(v -> System.err.println("  " + v));
      return 2;
    }
    LeadscoreServer server =
        LeadscoreServer.builder(NettyServerBuilder.forAddress(new InetSocketAddress(host, port)))
            .registry(registry)
            .clock(Clock.systemUTC())
            .build()
            .start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.log(Level.INFO, "shutting down, draining calls for up to {0}", shutdownGrace);
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
        "leadscore serving on {0}:{1,number,#} in {2} ms; models: {3}; default model: {4}",
        host,
        server.port(),
        (System.nanoTime() - started) / 1_000_000,
        describe(registry),
        registry.defaultModelName());
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

  private StaticModelRegistry loadModels(ModelDirectory directory) {
    List<CompiledModel> loaded = new ArrayList<>();
    if (models != null) {
      loaded.addAll(directory.load(models));
    }
    if (loaded.stream().noneMatch(m -> m.name().equals(BUNDLED_MODEL))) {
      loaded.add(directory.loadResource("models/" + BUNDLED_MODEL + ".json", BUNDLED_MODEL, 1));
    }
    return new StaticModelRegistry(loaded, defaultModel);
  }

  private static String describe(StaticModelRegistry registry) {
    return registry.models().entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue().keySet())
        .sorted()
        .collect(Collectors.joining(", "));
  }
}
