package dev.leadscore.server;

import com.google.common.collect.ImmutableList;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.core.CoreModule;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.plugin.PluginModule;
import dev.leadscore.core.registry.ModelDirectory;
import dev.leadscore.core.registry.StaticModelRegistry;
import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.RocksDbLeadStore;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
      names = "--data",
      defaultValue = "${env:LEADSCORE_DATA:-data}",
      description =
          "Directory of the embedded lead store for StreamEvents, GetLead, DeleteLead and"
              + " WatchTransitions (env LEADSCORE_DATA); created if missing.")
  Path data = Path.of("data");

  @Option(
      names = "--sync",
      defaultValue = "${env:LEADSCORE_SYNC:-false}",
      description =
          "fsync each lead store write before acknowledging it (env LEADSCORE_SYNC): survives"
              + " power loss, not only a crashed or killed process; slower.")
  boolean sync;

  @Option(
      names = "--max-events-per-lead",
      defaultValue = "" + LeadStates.DEFAULT_MAX_EVENTS_PER_LEAD,
      description = "Events a stored lead keeps, the most recent by event time.")
  int maxEventsPerLead = LeadStates.DEFAULT_MAX_EVENTS_PER_LEAD;

  @Option(
      names = "--port-file",
      description =
          "Once serving, write the bound port to this file (for scripts and tests with --port 0).")
  @Nullable Path portFile;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    ImmutableList<CriteriaPlugin> plugins = CriteriaPlugins.discoverBuiltin();
    StaticModelRegistry registry;
    try {
      Injector injector = Guice.createInjector(new PluginModule(plugins), new CoreModule());
      LOG.log(
          Level.INFO,
          "criterion types: {0}",
          String.join(", ", injector.getInstance(CriterionRegistry.class).factories().keySet()));
      registry = loadModels(new ModelDirectory(injector.getInstance(ModelCompiler.class)));
    } catch (ScoringException e) {
      System.err.println("leadscore: " + e.getMessage());
      e.violations().forEach(v -> System.err.println("  " + v));
      return 2;
    }
    RocksDbLeadStore store;
    try {
      store =
          RocksDbLeadStore.open(
              data, new LeadStoreConfig(LeadStoreConfig.DEFAULT_MAX_EVENT_IDS_PER_LEAD, sync));
    } catch (ScoringException e) {
      System.err.println("leadscore: " + e.getMessage());
      return 2;
    }
    LeadscoreServer server =
        LeadscoreServer.builder(NettyServerBuilder.forAddress(new InetSocketAddress(host, port)))
            .registry(registry)
            .clock(Clock.systemUTC())
            .leadStore(store)
            .maxEventsPerLead(maxEventsPerLead)
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
                    store.close();
                  }
                },
                "leadscore-shutdown"));
    if (portFile != null) {
      writePortFile(portFile, server.port());
    }
    LOG.log(
        Level.INFO,
        "leadscore serving on {0}:{1,number,#} in {2} ms; models: {3}; default model: {4};"
            + " lead store: {5}{6}",
        host,
        server.port(),
        (System.nanoTime() - started) / 1_000_000,
        describe(registry),
        registry.defaultModelName(),
        data.toAbsolutePath(),
        sync ? " (fsync per write)" : "");
    server.awaitTermination();
    return 0;
  }

  /** Written whole, then moved into place, so a reader never sees a partial port. */
  private static void writePortFile(Path file, int port) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
    Files.writeString(partial, port + "\n");
    Files.move(
        partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
