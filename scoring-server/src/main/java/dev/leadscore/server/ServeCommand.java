package dev.leadscore.server;

import com.google.common.collect.ImmutableList;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.spi.Message;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.core.CoreModule;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.plugin.PluginDirectory;
import dev.leadscore.core.plugin.PluginExecutor;
import dev.leadscore.core.plugin.PluginModule;
import dev.leadscore.core.registry.RepositoryModelRegistry;
import dev.leadscore.core.registry.RepositoryWatcher;
import dev.leadscore.core.state.RocksDbLeadStore;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
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
  static final String BUNDLED_RESOURCE = "models/" + BUNDLED_MODEL + ".json";

  /** The repository used without {@code --models}: {@code ./models}, created if missing. */
  static final Path DEFAULT_MODELS = Path.of("models");

  /** How often the repository is checked for changes made by hand. */
  static final Duration RELOAD_INTERVAL = Duration.ofMillis(500);

  private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());

  @Option(
      names = "--port",
      defaultValue = "50051",
      description = "Port to listen on; 0 picks a free port.")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to bind.")
  String host = "0.0.0.0";

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

  @Option(
      names = "--port-file",
      description =
          "Once serving, write the bound port to this file (for scripts and tests with --port 0).")
  @Nullable Path portFile;

  @Mixin ModelOptions modelOptions = new ModelOptions();

  @Mixin PluginOptions pluginOptions = new PluginOptions();

  @Mixin LeadStoreOptions leadStore = new LeadStoreOptions();

  @Mixin SecurityOptions security = new SecurityOptions();

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
    PluginExecutor executor = pluginOptions.executor();
    RepositoryModelRegistry registry;
    LeadscoreServer.Builder builder;
    RocksDbLeadStore store = null;
    try {
      Injector injector = injector(plugins(executor));
      CriterionRegistry criterionTypes = injector.getInstance(CriterionRegistry.class);
      criterionTypes
          .factories()
          .forEach(
              (type, factory) ->
                  LOG.log(
                      Level.INFO,
                      "criterion type={0} factory={1}",
                      type,
                      factory.getClass().getName()));
      registry = modelOptions.open(injector.getInstance(ModelCompiler.class));
      builder = secured(LeadscoreServer.builder(serverBuilder()).models(registry, criterionTypes));
      store = leadStore.open();
      LOG.log(
          Level.INFO, "lead store={0} sync={1}", leadStore.data.toAbsolutePath(), leadStore.sync);
    } catch (ScoringException | IllegalArgumentException | IOException e) {
      PrometheusEndpoint unused = metricsReady.join();
      if (unused != null) {
        unused.close();
      }
      executor.close();
      if (store != null) {
        store.close();
      }
      System.err.println("leadscore: " + e.getMessage());
      if (e instanceof ScoringException scoring) {
        scoring.violations().forEach(v -> System.err.println("  " + v));
      }
      return 2;
    }
    PrometheusEndpoint metrics = metricsReady.join();
    builder
        .clock(Clock.systemUTC())
        .benchEcho(benchEcho)
        .directExecutor(directExecutor)
        .leadStore(store)
        .maxEventsPerLead(leadStore.maxEventsPerLead);
    if (metrics != null) {
      builder.meterRegistry(metrics.registry());
    }
    RocksDbLeadStore openedStore = store;
    LeadscoreServer server;
    try {
      if (metrics != null) {
        metrics.start(host, metricsPort);
      }
      server = builder.build().start();
    } catch (UncheckedIOException e) {
      // A port in use: say so and stop cleanly rather than leave a half-started process.
      if (metrics != null) {
        metrics.close();
      }
      executor.close();
      openedStore.close();
      System.err.println("leadscore: " + e.getMessage());
      return 2;
    }
    RepositoryWatcher watcher = RepositoryWatcher.start(registry.repository(), RELOAD_INTERVAL);
    LOG.log(
        Level.INFO,
        "listening grpc={0}:{1,number,#} transport={2}",
        host,
        server.port(),
        security.tlsCert == null ? "plaintext" : "tls");
    if (metrics != null) {
      LOG.log(
          Level.INFO,
          "listening metrics=http://{0}:{1,number,#}{2}",
          host,
          metrics.port(),
          PrometheusEndpoint.PATH);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> drain(server, metrics, watcher, executor, openedStore),
                "leadscore-shutdown"));
    if (portFile != null) {
      writePortFile(portFile, server.port());
    }
    LOG.log(
        Level.INFO,
        "serving default_model={0} startup_ms={1,number,#}",
        registry.defaultModelName(),
        ManagementFactory.getRuntimeMXBean().getUptime());
    server.awaitTermination();
    return 0;
  }

  private boolean checkSettings() {
    String problem = pluginOptions.problem();
    if (problem != null) {
      System.err.println("leadscore: " + problem);
      return false;
    }
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
  private void drain(
      LeadscoreServer server,
      @Nullable PrometheusEndpoint metrics,
      RepositoryWatcher watcher,
      PluginExecutor executor,
      RocksDbLeadStore store) {
    LOG.log(Level.INFO, "draining grace={0}", shutdownGrace);
    watcher.close();
    boolean drained;
    try {
      drained = server.shutdown(shutdownGrace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } finally {
      executor.close();
      store.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    LOG.log(Level.INFO, "stopped drained={0}", drained);
    if (drained) {
      Runtime.getRuntime().halt(0);
    }
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
    if (pluginOptions.plugins != null) {
      all.addAll(new PluginDirectory(executor).load(pluginOptions.plugins));
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

  /** Written whole, then moved into place, so a reader never sees a partial port. */
  private static void writePortFile(Path file, int port) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
    Files.writeString(partial, port + "\n");
    Files.move(
        partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
