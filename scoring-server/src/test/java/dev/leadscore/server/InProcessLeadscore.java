package dev.leadscore.server;

import dev.leadscore.core.Engine;
import dev.leadscore.core.plugin.CriterionFailures;
import dev.leadscore.core.plugin.PluginLimits;
import dev.leadscore.core.registry.ModelRepository;
import dev.leadscore.core.registry.RepositoryModelRegistry;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.security.AccessPolicy;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * A real leadscore for each test, started through {@link LeadscoreRuntime} as {@code serve} starts
 * it, on an in-process transport, with a model repository in a fresh temporary directory (the
 * bundled default as version 1, plus any {@link #withModel} documents) and a channel to it. Plugins
 * are found through the real ServiceLoader path: the built-in ones on the class path, and any
 * {@link PluginFolders} named with {@link #withPlugins} from real jars in a temporary plugins
 * directory.
 */
public final class InProcessLeadscore implements BeforeEachCallback, AfterEachCallback {
  public static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private final List<String> extraModels = new ArrayList<>();
  private final List<String> pluginFolders = new ArrayList<>();
  private Duration criterionTimeout = Duration.ofSeconds(1);
  private PluginLimits pluginLimits = PluginLimits.defaults();
  private String adminToken;
  private AccessPolicy accessPolicy;
  private Path repositoryRoot;
  private final PrometheusMeterRegistry meters =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private boolean withLeadStore;
  private Path dataDirectory;
  private boolean ownsDataDirectory = true;
  private LeadscoreRuntime runtime;
  private ManagedChannel channel;
  private Path pluginsDirectory;

  /** Requires this bearer token for ModelService writes. */
  public InProcessLeadscore withAdminToken(String token) {
    adminToken = token;
    return this;
  }

  /** Serves with this access policy (in-process: the server listens on this host only). */
  public InProcessLeadscore withAccessPolicy(AccessPolicy policy) {
    accessPolicy = policy;
    return this;
  }

  /** The model repository's directory; the watcher looks at it every 100 ms. */
  public Path repositoryRoot() {
    return repositoryRoot;
  }

  /** Stops the server and starts a new one on the same repository and data directories. */
  public void restart() throws Exception {
    stop();
    start();
  }

  /** Also serves this model document, as version 1 of the model it names. */
  public InProcessLeadscore withModel(String json) {
    extraModels.add(json);
    return this;
  }

  /** Also loads these {@link PluginFolders} from a plugins directory, as {@code --plugins} does. */
  public InProcessLeadscore withPlugins(String... folders) {
    pluginFolders.addAll(List.of(folders));
    return this;
  }

  /** The {@code --criterion-timeout} for plugins' criteria; 1s by default. */
  public InProcessLeadscore criterionTimeout(Duration timeout) {
    criterionTimeout = timeout;
    return this;
  }

  /** The {@code --plugin-factory-timeout}; 10 s by default. */
  public InProcessLeadscore factoryTimeout(Duration timeout) {
    pluginLimits = pluginLimits.withFactoryTimeout(timeout);
    return this;
  }

  /** The {@code --plugin-quarantine-after} and {@code --plugin-quarantine-period}. */
  public InProcessLeadscore pluginQuarantine(int afterTimeouts, Duration period) {
    pluginLimits = pluginLimits.withQuarantine(afterTimeouts, period);
    return this;
  }

  /** Failures of criteria while scoring, by type, as the server counts them. */
  public CriterionFailures criterionFailures() {
    return runtime.engine().criterionTypes().failures();
  }

  /** Also enables stateful scoring, on a RocksDB store in a fresh temporary directory. */
  public InProcessLeadscore withLeadStore() {
    withLeadStore = true;
    return this;
  }

  /**
   * Also enables stateful scoring, on a RocksDB store in {@code directory}, which the test owns.
   */
  public InProcessLeadscore withLeadStore(Path directory) {
    withLeadStore = true;
    dataDirectory = directory;
    ownsDataDirectory = false;
    return this;
  }

  /** The lead store, as the server uses it. */
  public LeadStore store() {
    return runtime.store().orElseThrow();
  }

  public LeadscoreServer server() {
    return server(runtime);
  }

  public ManagedChannel channel() {
    return channel;
  }

  /**
   * Sends {@code inputs} on one {@code StreamEvents} call, completes it, and returns every answer
   * once the server has completed the call too.
   */
  public List<LeadScoreUpdate> streamEvents(List<LeadEventMessage> inputs)
      throws InterruptedException {
    Recorder<LeadEventMessage, LeadScoreUpdate> responses = Recorder.eager();
    StreamObserver<LeadEventMessage> requests =
        ScoringServiceGrpc.newStub(channel).streamEvents(responses);
    inputs.forEach(requests::onNext);
    requests.onCompleted();
    if (!responses.awaitCompletion()) {
      throw new AssertionError("StreamEvents did not complete: " + responses.error());
    }
    return responses.values();
  }

  /** What the server's meters would show on {@code /metrics} now. */
  public String scrape() {
    return meters.scrape();
  }

  /** A registry of the bundled default model alone, in a fresh temporary repository. */
  public static RepositoryModelRegistry bundledRegistry() {
    Engine engine = Engine.builtin();
    try {
      return new RepositoryModelRegistry(
          ModelRepository.open(
              Files.createTempDirectory("leadscore-models"),
              engine.compiler(),
              Clock.systemUTC(),
              Map.of(LeadscoreRuntime.BUNDLED_MODEL, LeadscoreRuntime.bundledModel())),
          engine.compiler(),
          LeadscoreRuntime.BUNDLED_MODEL,
          16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    repositoryRoot = Files.createTempDirectory("leadscore-models");
    for (String json : extraModels) {
      String name = dev.leadscore.core.model.ModelDocuments.parse(json, "test model").getName();
      Path folder = Files.createDirectories(repositoryRoot.resolve(name));
      Files.writeString(folder.resolve("1.json"), json, StandardCharsets.UTF_8);
    }
    if (withLeadStore && ownsDataDirectory) {
      dataDirectory = Files.createTempDirectory("leadscore-test-data");
    }
    start();
  }

  private void start() throws IOException {
    String name = InProcessServerBuilder.generateName();
    LeadscoreRuntime.Builder builder =
        LeadscoreRuntime.builder()
            .transport(InProcessServerBuilder.forName(name).directExecutor())
            .models(repositoryRoot)
            .reloadInterval(Duration.ofMillis(100))
            .pluginLimits(pluginLimits.withCriterionLimits(criterionTimeout, 4))
            .meterRegistry(meters)
            .server(
                server -> {
                  server.clock(Clock.fixed(NOW, ZoneOffset.UTC));
                  if (accessPolicy != null) {
                    server.accessPolicy(accessPolicy);
                  }
                  if (adminToken != null) {
                    server.adminToken(adminToken);
                  }
                });
    if (!pluginFolders.isEmpty()) {
      pluginsDirectory = Files.createTempDirectory("leadscore-plugins");
      PluginFolders.copy(pluginsDirectory, pluginFolders.toArray(new String[0]));
      builder.pluginDirectory(pluginsDirectory);
    }
    if (withLeadStore) {
      builder.store("rocksdb:" + dataDirectory, LeadStoreConfig.defaults());
    }
    runtime = builder.start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  private void stop() throws InterruptedException, IOException {
    channel.shutdownNow();
    runtime.shutdown(Duration.ofSeconds(1));
    if (pluginsDirectory != null) {
      PluginFolders.delete(pluginsDirectory);
      pluginsDirectory = null;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    stop();
    for (Path directory : new Path[] {repositoryRoot, ownsDataDirectory ? dataDirectory : null}) {
      if (directory != null) {
        deleteTree(directory);
      }
    }
  }

  private static LeadscoreServer server(LeadscoreRuntime runtime) {
    return runtime.server();
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
