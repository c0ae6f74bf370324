package dev.leadscore.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.leadscore.core.CoreModule;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.plugin.PluginModule;
import dev.leadscore.core.registry.ModelDirectory;
import dev.leadscore.core.registry.StaticModelRegistry;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leadscore serve}: loads plugins and models, then serves until SIGTERM or SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start the gRPC server.",
    showDefaultValues = true,
    footer = {
      "",
      "Every option can also be set by an environment variable, LEADSCORE_ and the option name in"
          + " upper case with _ for - (--metrics-port: LEADSCORE_METRICS_PORT), or by a line"
          + " name=value in the --config file (metrics-port=9091).",
      "Precedence: command line, then environment, then config file, then the default shown."
    })
final class ServeCommand implements Callable<Integer> {
  static final String BUNDLED_MODEL = "b2b-default";
  private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());

  @Option(
      names = "--port",
      defaultValue = "50051",
      description = "Port to listen on (env LEADSCORE_PORT); 0 picks a free port.")
  int port;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description = "Address to bind (env LEADSCORE_HOST).")
  String host = "0.0.0.0";

  @Option(
      names = "--models",
      description =
          "Model directory laid out as <dir>/<model-name>/<version>.json (env LEADSCORE_MODELS)."
              + " The bundled b2b-default model is served unless the directory has its own.")
  @Nullable Path models;

  @Option(
      names = "--default-model",
      defaultValue = BUNDLED_MODEL,
      description = "Model used when a request names none (env LEADSCORE_DEFAULT_MODEL).")
  String defaultModel = BUNDLED_MODEL;

  @Option(
      names = "--shutdown-grace",
      defaultValue = "20s",
      description = "How long calls in flight may finish after SIGTERM, e.g. 20s or 1m.",
      converter = DurationConverter.class)
  Duration shutdownGrace = Duration.ofSeconds(20);

  @Option(
      names = "--metrics-port",
      defaultValue = "9090",
      description =
          "Port of the Prometheus endpoint GET /metrics, on the --host address; 0 picks a free"
              + " port, -1 turns metrics off.")
  int metricsPort = 9090;

  @Option(
      names = ConfigDefaults.CONFIG_OPTION,
      paramLabel = "FILE",
      description =
          "Properties file of settings, one option name=value a line (env LEADSCORE_CONFIG);"
              + " read below flags and environment variables.")
  @Nullable Path config;

  @Option(
      names = "--direct-executor",
      defaultValue = "false",
      showDefaultValue = Help.Visibility.ALWAYS,
      description =
          "Run handlers on the network threads, saving a thread hop per call. Only when every"
              + " criterion plugin is non-blocking: one that waits stalls other connections.")
  boolean directExecutor;

  @Option(
      names = "--bench-echo",
      hidden = true,
      description = "Also serve leadscore.bench.Echo, the load generator's baseline.")
  boolean benchEcho;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!checkSettings()) {
      return 2;
    }
    // The meter registry and its JVM meters load many classes; prepare them on a second core while
    // this one compiles models.
    CompletableFuture<@Nullable PrometheusEndpoint> metricsReady =
        metricsPort < 0
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.supplyAsync(PrometheusEndpoint::new);
    StaticModelRegistry registry;
    try {
      Injector injector =
          Guice.createInjector(
              new PluginModule(CriteriaPlugins.discoverBuiltin()), new CoreModule());
      injector
          .getInstance(CriterionRegistry.class)
          .factories()
          .forEach(
              (type, factory) ->
                  LOG.log(
                      Level.INFO,
                      "criterion type={0} factory={1}",
                      type,
                      factory.getClass().getName()));
      registry = loadModels(new ModelDirectory(injector.getInstance(ModelCompiler.class)));
    } catch (ScoringException e) {
      PrometheusEndpoint unused = metricsReady.join();
      if (unused != null) {
        unused.close();
      }
      System.err.println("leadscore: " + e.getMessage());
      e.violations().forEach(v -> System.err.println("  " + v));
      return 2;
    }
    PrometheusEndpoint metrics = metricsReady.join();
    LeadscoreServer.Builder builder =
        LeadscoreServer.builder(NettyServerBuilder.forAddress(new InetSocketAddress(host, port)))
            .registry(registry)
            .clock(Clock.systemUTC())
            .benchEcho(benchEcho)
            .directExecutor(directExecutor);
    if (metrics != null) {
      builder.meterRegistry(metrics.registry());
    }
    LeadscoreServer server = builder.build().start();
    LOG.log(Level.INFO, "listening grpc={0}:{1,number,#}", host, server.port());
    if (metrics != null) {
      metrics.start(host, metricsPort);
      LOG.log(
          Level.INFO,
          "listening metrics=http://{0}:{1,number,#}{2}",
          host,
          metrics.port(),
          PrometheusEndpoint.PATH);
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> drain(server, metrics), "leadscore-shutdown"));
    LOG.log(
        Level.INFO,
        "serving default_model={0} startup_ms={1,number,#}",
        registry.defaultModelName(),
        ManagementFactory.getRuntimeMXBean().getUptime());
    server.awaitTermination();
    return 0;
  }

  private boolean checkSettings() {
    if (metricsPort < -1 || metricsPort > 65535) {
      System.err.println(
          "leadscore: --metrics-port: " + metricsPort + " (expected: -1 for off, or 0..65535)");
      return false;
    }
    if (spec.defaultValueProvider() instanceof ConfigDefaults defaults) {
      List<String> unknown = defaults.unknownKeys(spec);
      if (!unknown.isEmpty()) {
        System.err.println(
            "leadscore: config file: unknown settings "
                + unknown
                + " (expected: option names without --, see serve --help)");
        return false;
      }
      LOG.log(Level.INFO, "config source={0}", defaults.describe());
    }
    return true;
  }

  /**
   * Runs on SIGTERM or SIGINT. A drain that finished every call within the grace ends the process
   * with status 0, a clean stop for supervisors; otherwise the JVM's own status for the signal (143
   * for SIGTERM) stays.
   */
  private void drain(LeadscoreServer server, @Nullable PrometheusEndpoint metrics) {
    LOG.log(Level.INFO, "draining grace={0}", shutdownGrace);
    boolean drained;
    try {
      drained = server.shutdown(shutdownGrace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (metrics != null) {
      metrics.close();
    }
    LOG.log(Level.INFO, "stopped drained={0}", drained);
    if (drained) {
      Runtime.getRuntime().halt(0);
    }
  }

  private StaticModelRegistry loadModels(ModelDirectory directory) {
    List<CompiledModel> loaded = new ArrayList<>();
    if (models != null) {
      for (CompiledModel model : directory.load(models)) {
        loaded.add(model);
        logModel(model, models.resolve(model.name()).resolve(model.version() + ".json").toString());
      }
    }
    if (loaded.stream().noneMatch(m -> m.name().equals(BUNDLED_MODEL))) {
      String resource = "models/" + BUNDLED_MODEL + ".json";
      CompiledModel bundled = directory.loadResource(resource, BUNDLED_MODEL, 1);
      loaded.add(bundled);
      logModel(bundled, "classpath:" + resource);
    }
    return new StaticModelRegistry(loaded, defaultModel);
  }

  private static void logModel(CompiledModel model, String source) {
    LOG.log(
        Level.INFO,
        "model name={0} version={1,number,#} criteria={2,number,#} source={3}",
        model.name(),
        model.version(),
        model.document().getCriteriaCount(),
        source);
  }
}
