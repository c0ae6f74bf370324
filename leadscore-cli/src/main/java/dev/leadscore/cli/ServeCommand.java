package dev.leadscore.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.plugin.LoadedPlugin;
import dev.leadscore.core.plugin.PluginExits;
import dev.leadscore.server.LeadscoreRuntime;
import dev.leadscore.server.security.AccessPolicy;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.PrintWriter;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
          + " name=value in the --config file (metrics-port=9465).",
      "Precedence: command line, then environment, then config file, then the default shown."
    })
final class ServeCommand implements Callable<Integer> {

  private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());

  /** The shortest keepalive interval a client may use without being disconnected. */
  static final long KEEPALIVE_PERMIT_SECONDS = 30;

  @Option(
      names = "--port",
      defaultValue = "50051",
      description = "Port to listen on; 0 picks a free port.")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description =
          "Address to bind: this host only by default; 0.0.0.0 for every interface, where calls"
              + " need credentials (--access-policy, --admin-token, --tls-client-ca) unless"
              + " --insecure-open.")
  String host = "127.0.0.1";

  @Option(
      names = "--shutdown-grace",
      defaultValue = "20s",
      description = "How long calls in flight may finish after SIGTERM, e.g. 20s or 1m.",
      converter = DurationConverter.class)
  Duration shutdownGrace = Duration.ofSeconds(20);

  @Option(
      names = "--metrics-port",
      defaultValue = "9464",
      description =
          "Port of the Prometheus endpoint GET /metrics, on the --host address; 0 picks a free"
              + " port, -1 turns metrics off. 9464 is the exporters' convention, clear of"
              + " Prometheus's own 9090.")
  int metricsPort = 9464;

  @Option(
      names = "--metrics-host",
      description = "Address of the metrics endpoint; the --host address by default.")
  @Nullable String metricsHost;

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
      names = "--port-file",
      description =
          "Once serving, write the bound port to this file (for scripts and tests with --port 0).")
  @Nullable Path portFile;

  @Mixin ModelOptions modelOptions = new ModelOptions();

  @Mixin PluginOptions pluginOptions = new PluginOptions();

  @Mixin LeadStoreOptions leadStore = new LeadStoreOptions();

  @Mixin SecurityOptions security = new SecurityOptions();

  @Mixin EvaluationOptions evaluation = new EvaluationOptions();
  @Mixin LimitOptions limits = new LimitOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (!checkSettings(err)) {
      return Commands.BAD_INPUT;
    }
    warnWithoutExitOnOutOfMemory();
    LeadscoreRuntime runtime;
    try {
      runtime = runtime().start();
    } catch (ScoringException e) {
      err.println("leadscore: " + e.summary());
      e.violations().forEach(v -> err.println("  " + v));
      return Commands.BAD_INPUT;
    } catch (IllegalArgumentException | UncheckedIOException e) {
      // A port in use, an unreadable directory: say so and stop rather than half start.
      err.println("leadscore: " + e.getMessage());
      return Commands.BAD_INPUT;
    } catch (IOException e) {
      // A certificate, key or token file that cannot be read.
      err.println("leadscore: cannot start: " + FileErrors.describe(e));
      return Commands.BAD_INPUT;
    }
    LOG.log(
        Level.INFO,
        "listening grpc={0}:{1,number,#} transport={2}",
        host,
        runtime.port(),
        security.tlsCert == null ? "plaintext" : "tls");
    runtime
        .metricsPort()
        .ifPresent(
            port ->
                LOG.log(
                    Level.INFO,
                    "listening metrics=http://{0}:{1,number,#}{2}",
                    metricsHost(),
                    port,
                    "/metrics"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(runtime), "leadscore-shutdown"));
    if (portFile != null) {
      writePortFile(portFile, runtime.port());
    }
    LOG.log(
        Level.INFO,
        "serving default_model={0} startup_ms={1,number,#}",
        runtime.registry().defaultModelName(),
        ManagementFactory.getRuntimeMXBean().getUptime());
    runtime.awaitTermination();
    return 0;
  }

  private String metricsHost() {
    return metricsHost == null ? host : metricsHost;
  }

  /** The runtime these options describe. */
  LeadscoreRuntime.Builder runtime() throws IOException {
    LeadscoreRuntime.Builder runtime =
        LeadscoreRuntime.builder()
            .transport(serverBuilder())
            .pluginLimits(pluginOptions.limits())
            .defaultModel(modelOptions.defaultModel)
            .modelCacheSize(modelOptions.modelCacheSize)
            .allowInvalidModels(modelOptions.allowInvalidModels)
            .modelLimits(limits.modelLimits())
            .store(leadStore.location(), leadStore.config());
    // Replicas on a shared store share its models too, unless told to read a directory.
    if (modelOptions.models == null && leadStore.shared()) {
      runtime.modelStore(leadStore.location());
    } else {
      runtime.models(modelOptions.directory());
    }
    if (pluginOptions.plugins != null) {
      runtime.pluginDirectory(pluginOptions.plugins);
    }
    if (metricsPort >= 0) {
      runtime.metrics(metricsHost(), metricsPort);
    }
    AccessPolicy policy = security.policy();
    return runtime.server(
        server ->
            server
                .clock(Clock.systemUTC())
                .directExecutor(directExecutor)
                .maxEventsPerLead(leadStore.maxEventsPerLead)
                .snapshotDelay(evaluation.snapshotDelay)
                .leadLimits(limits.leadLimits())
                .maxBatchLeads(limits.maxBatchLeads)
                .accessPolicy(policy));
  }

  private boolean checkSettings(PrintWriter err) {
    String problem = pluginOptions.problem();
    if (problem == null) {
      problem = limits.problem();
    }
    if (problem == null) {
      problem = leadStore.problem();
    }
    if (problem != null) {
      err.println("leadscore: " + problem);
      return false;
    }
    if (metricsPort < -1 || metricsPort > 65535) {
      err.println(
          "leadscore: --metrics-port: " + metricsPort + " (expected: -1 for off, or 0..65535)");
      return false;
    }
    if (spec.defaultValueProvider() instanceof ConfigDefaults defaults) {
      List<String> unknown = defaults.unknownKeys(spec);
      if (!unknown.isEmpty()) {
        err.println(
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
   * The {@code ./leadscore} launcher runs the JVM with {@code -XX:+ExitOnOutOfMemoryError}: after
   * an out-of-memory error some threads are dead while health still says {@code SERVING}. A JVM
   * started otherwise is told so once.
   */
  private static void warnWithoutExitOnOutOfMemory() {
    try {
      HotSpotDiagnosticMXBean hotSpot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (hotSpot != null
          && !Boolean.parseBoolean(hotSpot.getVMOption("ExitOnOutOfMemoryError").getValue())) {
        LOG.log(
            Level.WARNING,
            "the JVM runs without -XX:+ExitOnOutOfMemoryError: after running out of memory it"
                + " would keep running with failed threads (./leadscore sets it; add it to"
                + " java -jar)");
      }
    } catch (RuntimeException e) {
      // Not a HotSpot JVM: nothing to check.
    }
  }

  /**
   * Runs on SIGTERM or SIGINT, and on any other exit. A drain that finished every call within the
   * grace ends the process with status 0, a clean stop for supervisors; otherwise the JVM's own
   * status for the signal (143 for SIGTERM) stays. An exit that a plugin started (System.exit in
   * plugin code, see {@link PluginExits}) is logged with the plugin's name and ends the process
   * with status {@value PluginExits#STATUS}, whatever status the plugin chose, after the same
   * drain.
   */
  private void drain(LeadscoreRuntime runtime) {
    Optional<String> exitingPlugin =
        PluginExits.exitingPlugin(runtime.plugins().stream().map(LoadedPlugin::name).toList());
    exitingPlugin.ifPresent(
        plugin ->
            LOG.log(
                Level.ERROR,
                "plugin {0} called System.exit: stopping with status {1} (a plugin must never end"
                    + " the server; remove or fix the plugin)",
                plugin,
                PluginExits.STATUS));
    LOG.log(Level.INFO, "draining grace={0}", shutdownGrace);
    boolean drained;
    try {
      drained = runtime.shutdown(shutdownGrace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drained = false;
    }
    LOG.log(Level.INFO, "stopped drained={0}", drained);
    if (exitingPlugin.isPresent()) {
      Runtime.getRuntime().halt(PluginExits.STATUS);
    }
    if (drained) {
      Runtime.getRuntime().halt(0);
    }
  }

  private NettyServerBuilder serverBuilder() throws IOException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    ServerCredentials credentials = security.credentials();
    NettyServerBuilder builder =
        credentials == null
            ? NettyServerBuilder.forAddress(address)
            : NettyServerBuilder.forAddress(address, credentials);
    // leadscore-client pings every 60 s while calls are open; Netty's default (5 min) would
    // answer such pings with GOAWAY too_many_pings and cut long streams.
    return builder.permitKeepAliveTime(KEEPALIVE_PERMIT_SECONDS, TimeUnit.SECONDS);
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
