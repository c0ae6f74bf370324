package dev.leadscore.server;

import com.google.common.collect.ImmutableList;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.core.CoreModule;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.CriterionFailures;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.plugin.PluginDirectory;
import dev.leadscore.core.plugin.PluginExecutor;
import dev.leadscore.core.plugin.PluginModule;
import dev.leadscore.core.registry.ModelDirectory;
import dev.leadscore.core.registry.ModelRepository;
import dev.leadscore.core.registry.RepositoryModelRegistry;
import dev.leadscore.core.registry.RepositoryWatcher;
import dev.leadscore.core.registry.StaticModelRegistry;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.RocksDbLeadStore;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real leadscore server on an in-process transport for each test, with the bundled default model
 * plus any extra model documents, and a channel to it. Plugins are found through the real
 * ServiceLoader path: the built-in ones on the class path, and any {@link PluginFolders} named with
 * {@link #withPlugins} from real jars in a temporary plugins directory.
 */
final class InProcessLeadscore implements BeforeEachCallback, AfterEachCallback {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private final List<String> extraModels = new ArrayList<>();
  private final List<String> pluginFolders = new ArrayList<>();
  private Duration criterionTimeout = Duration.ofSeconds(1);
  private boolean withRepository;
  private String adminToken;
  private Path repositoryRoot;
  private RepositoryWatcher watcher;
  private final PrometheusMeterRegistry meters =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private boolean withLeadStore;
  private Path dataDirectory;
  private LeadStore leadStore;
  private LeadscoreServer server;
  private ManagedChannel channel;
  private CriterionRegistry criterionRegistry;
  private PluginExecutor pluginExecutor;
  private Path pluginsDirectory;

  /**
   * Serves from a model repository in a fresh temporary directory (bundled b2b-default as version
   * 1), with ModelService and a watcher polling every 100 ms.
   */
  InProcessLeadscore withRepository() {
    withRepository = true;
    return this;
  }

  /** Requires this bearer token for ModelService writes. */
  InProcessLeadscore withAdminToken(String token) {
    adminToken = token;
    return this;
  }

  Path repositoryRoot() {
    return repositoryRoot;
  }

  /** Stops the server and starts a new one on the same repository directory. */
  void restart() throws Exception {
    stop();
    start();
  }

  /** Also serves this model document, as version 1 unless {@code version} says otherwise. */
  InProcessLeadscore withModel(String json) {
    extraModels.add(json);
    return this;
  }

  /** Also loads these {@link PluginFolders} from a plugins directory, as {@code --plugins} does. */
  InProcessLeadscore withPlugins(String... folders) {
    pluginFolders.addAll(List.of(folders));
    return this;
  }

  /** The {@code --criterion-timeout} for plugins' criteria; 1s by default. */
  InProcessLeadscore criterionTimeout(Duration timeout) {
    criterionTimeout = timeout;
    return this;
  }

  /** Failures of criteria while scoring, by type, as the server counts them. */
  CriterionFailures criterionFailures() {
    return criterionRegistry.failures();
  }

  /** Also enables stateful scoring, on a RocksDB store in a fresh temporary directory. */
  InProcessLeadscore withLeadStore() {
    withLeadStore = true;
    return this;
  }

  LeadscoreServer server() {
    return server;
  }

  ManagedChannel channel() {
    return channel;
  }

  /** What the server's meters would show on {@code /metrics} now. */
  String scrape() {
    return meters.scrape();
  }

  /** A registry of the bundled default model alone, compiled with the built-in plugins. */
  static StaticModelRegistry bundledRegistry() {
    ModelCompiler compiler =
        Guice.createInjector(new PluginModule(CriteriaPlugins.discoverBuiltin()), new CoreModule())
            .getInstance(ModelCompiler.class);
    return new StaticModelRegistry(
        List.of(
            new ModelDirectory(compiler)
                .loadResource("models/b2b-default.json", ServeCommand.BUNDLED_MODEL, 1)),
        ServeCommand.BUNDLED_MODEL);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (withRepository) {
      repositoryRoot = Files.createTempDirectory("leadscore-models");
    }
    start();
  }

  private void start() throws IOException {
    pluginExecutor = PluginExecutor.create(criterionTimeout, 4, CallDeadlines::nanosLeft);
    ImmutableList.Builder<CriteriaPlugin> plugins =
        ImmutableList.<CriteriaPlugin>builder().addAll(CriteriaPlugins.discoverBuiltin());
    if (!pluginFolders.isEmpty()) {
      pluginsDirectory = Files.createTempDirectory("leadscore-plugins");
      PluginFolders.copy(pluginsDirectory, pluginFolders.toArray(new String[0]));
      plugins.addAll(new PluginDirectory(pluginExecutor).load(pluginsDirectory));
    }
    Injector injector = Guice.createInjector(new PluginModule(plugins.build()), new CoreModule());
    criterionRegistry = injector.getInstance(CriterionRegistry.class);
    ModelCompiler compiler = injector.getInstance(ModelCompiler.class);
    List<CompiledModel> models = new ArrayList<>();
    models.add(
        new ModelDirectory(compiler)
            .loadResource("models/b2b-default.json", ServeCommand.BUNDLED_MODEL, 1));
    for (String json : extraModels) {
      models.add(compiler.compile(ModelDocuments.parse(json, "test model"), 1));
    }
    String name = InProcessServerBuilder.generateName();
    LeadscoreServer.Builder builder =
        LeadscoreServer.builder(InProcessServerBuilder.forName(name).directExecutor())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .meterRegistry(meters);
    if (withRepository) {
      ModelRepository repository =
          ModelRepository.open(
              repositoryRoot,
              compiler,
              Clock.systemUTC(),
              Map.of(ServeCommand.BUNDLED_MODEL, ServeCommand.bundledModel()));
      builder.models(
          new RepositoryModelRegistry(repository, compiler, ServeCommand.BUNDLED_MODEL, 64),
          injector.getInstance(CriterionRegistry.class));
      watcher = RepositoryWatcher.start(repository, Duration.ofMillis(100));
      if (adminToken != null) {
        builder.adminToken(adminToken);
      }
    } else {
      builder.registry(new StaticModelRegistry(models, ServeCommand.BUNDLED_MODEL));
    }
    if (withLeadStore) {
      if (dataDirectory == null) {
        dataDirectory = Files.createTempDirectory("leadscore-test-data");
      }
      leadStore = RocksDbLeadStore.open(dataDirectory, LeadStoreConfig.defaults());
      builder.leadStore(leadStore);
    }
    server = builder.build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  private void stop() throws InterruptedException, IOException {
    if (watcher != null) {
      watcher.close();
    }
    channel.shutdownNow();
    server.shutdown(Duration.ofSeconds(1));
    pluginExecutor.close();
    if (leadStore != null) {
      leadStore.close();
    }
    if (pluginsDirectory != null) {
      PluginFolders.delete(pluginsDirectory);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    stop();
    for (Path directory : new Path[] {repositoryRoot, dataDirectory}) {
      if (directory != null) {
        deleteTree(directory);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
