package dev.leadscore.server;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.core.Engine;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.ModelLimits;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.LoadedPlugin;
import dev.leadscore.core.plugin.PluginDirectory;
import dev.leadscore.core.plugin.PluginExecutor;
import dev.leadscore.core.plugin.PluginLimits;
import dev.leadscore.core.registry.ModelRepository;
import dev.leadscore.core.registry.ModelStore;
import dev.leadscore.core.registry.ModelStores;
import dev.leadscore.core.registry.RepositoryModelRegistry;
import dev.leadscore.core.registry.RepositoryWatcher;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadStores;
import dev.leadscore.server.internal.CallDeadlines;
import dev.leadscore.server.internal.PrometheusEndpoint;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A running leadscore: plugins, engine, model repository, lead store, gRPC server and metrics
 * endpoint, built from one set of settings by {@link #builder()} and released in one place, {@link
 * #shutdown}. The command line's {@code serve}, the tests and the benchmarks all start a server
 * through here, so they run the same wiring.
 *
 * <p>Start-up order: the plugin directory (each folder in its own class loader), the engine with
 * every criterion type, the model store (a directory, or a shared store; every version compiled; a
 * broken file stops start-up unless {@link Builder#allowInvalidModels}), the lead store, the
 * metrics endpoint, the server (health turns {@code SERVING} only now), then the watcher that picks
 * up models changed by hand or through another replica. A failure at any step releases what the
 * earlier steps opened and is rethrown.
 */
public final class LeadscoreRuntime implements AutoCloseable {
  /** The model served when a request names none, bundled in the server's jar. */
  public static final String BUNDLED_MODEL = "b2b-default";

  /** How often the model store is checked for changes made elsewhere, by default. */
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofMillis(500);

  private static final String BUNDLED_RESOURCE = "models/" + BUNDLED_MODEL + ".json";

  /** The account model bundled with the default model: its leads grouped by company. */
  public static final String BUNDLED_ACCOUNT_MODEL = "b2b-accounts";

  private static final System.Logger LOG = System.getLogger(LeadscoreRuntime.class.getName());

  private final Engine engine;
  private final RepositoryModelRegistry registry;
  private final LeadscoreServer server;
  private final Resources resources;

  private LeadscoreRuntime(
      Engine engine,
      RepositoryModelRegistry registry,
      LeadscoreServer server,
      Resources resources) {
    this.engine = engine;
    this.registry = registry;
    this.server = server;
    this.resources = resources;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The bundled default model's JSON document. */
  public static byte[] bundledModel() {
    return bundled(BUNDLED_RESOURCE);
  }

  /**
   * The bundled models by name: the default model and its account model, served as version 1 of
   * each unless the repository has a version 1 of its own.
   */
  public static Map<String, byte[]> bundledModels() {
    return Map.of(
        BUNDLED_MODEL,
        bundledModel(),
        BUNDLED_ACCOUNT_MODEL,
        bundled("models/" + BUNDLED_ACCOUNT_MODEL + ".json"));
  }

  private static byte[] bundled(String resource) {
    try (InputStream in = LeadscoreRuntime.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ScoringException(
            ScoringErrorCode.STARTUP_FAILED, "bundled model " + resource + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled model " + resource, e);
    }
  }

  /** The settings of a runtime; only {@link #transport} is required. */
  public static final class Builder {
    private @Nullable ServerBuilder<?> transport;
    private @Nullable Path pluginDirectory;
    private PluginLimits pluginLimits = PluginLimits.defaults();
    private Path models = Path.of("models");
    private @Nullable String modelStore;
    private @Nullable Map<String, byte[]> bundledModels;
    private String defaultModel = BUNDLED_MODEL;
    private long modelCacheSize = 256;
    private ModelLimits modelLimits = ModelLimits.defaults();
    private boolean allowInvalidModels;
    private Duration reloadInterval = DEFAULT_RELOAD_INTERVAL;
    private @Nullable String store;
    private LeadStoreConfig storeConfig = LeadStoreConfig.defaults();
    private @Nullable String metricsHost;
    private int metricsPort = -1;
    private @Nullable MeterRegistry meterRegistry;
    private final List<ServerServiceDefinition> extraServices = new ArrayList<>();
    private final List<Consumer<LeadscoreServer.Builder>> serverSettings = new ArrayList<>();

    private Builder() {}

    /** The gRPC transport: Netty in production, in-process in tests. Required. */
    public Builder transport(ServerBuilder<?> transport) {
      this.transport = requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Loads third-party plugins from {@code directory}, one sub-folder per plugin, each in its own
     * class loader; without it, only the built-in criteria.
     */
    public Builder pluginDirectory(Path directory) {
      this.pluginDirectory = requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Limits for criteria of plugin-directory plugins: the longest a criterion may run for one lead
     * ({@link Duration#ZERO}: on the request thread, without a limit) and the threads of each
     * plugin's pool. 1 s and 32 by default; other limits stay as they are.
     *
     * @throws IllegalArgumentException for a negative timeout or fewer than one thread
     */
    public Builder pluginLimits(Duration criterionTimeout, int threads) {
      this.pluginLimits = pluginLimits.withCriterionLimits(criterionTimeout, threads);
      return this;
    }

    /**
     * Every limit of plugin-directory plugins: criterion and factory time limits, threads per
     * plugin and the quarantine policy; {@link PluginLimits#defaults()} by default.
     */
    public Builder pluginLimits(PluginLimits limits) {
      this.pluginLimits = requireNonNull(limits, "limits");
      return this;
    }

    /** The model repository's directory, created if missing; {@code ./models} by default. */
    public Builder models(Path directory) {
      this.models = requireNonNull(directory, "directory");
      this.modelStore = null;
      return this;
    }

    /**
     * Keeps the models in the shared store at {@code location} (e.g. {@code redis://10.0.0.1:7000},
     * from a store module on the class path) instead of a directory, so that every replica on that
     * store serves and changes the same models.
     */
    public Builder modelStore(String location) {
      this.modelStore = requireNonNull(location, "location");
      return this;
    }

    /**
     * Models served as version 1 until the repository has its own, by name: their JSON documents.
     * By default the bundled {@value #BUNDLED_MODEL} and {@value #BUNDLED_ACCOUNT_MODEL}.
     */
    public Builder bundledModels(Map<String, byte[]> documents) {
      this.bundledModels = Map.copyOf(documents);
      return this;
    }

    /** The model a request without a name resolves to; {@value #BUNDLED_MODEL} by default. */
    public Builder defaultModel(String name) {
      this.defaultModel = requireNonNull(name, "name");
      return this;
    }

    /** How many compiled model versions to keep in memory; 256 by default. */
    public Builder modelCacheSize(long versions) {
      if (versions < 1) {
        throw new IllegalArgumentException("model cache size: " + versions + " (expected: >= 1)");
      }
      this.modelCacheSize = versions;
      return this;
    }

    /**
     * Bounds on model documents (criteria, rules, expression length, size) and on the cost of their
     * rules (iterations per evaluation). {@link ModelLimits#defaults()} by default.
     */
    public Builder modelLimits(ModelLimits limits) {
      this.modelLimits = requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Starts even when model files fail to load: they are logged, listed as {@code FAILED} and
     * never served. Off by default: start-up stops and lists every problem.
     */
    public Builder allowInvalidModels(boolean allow) {
      this.allowInvalidModels = allow;
      return this;
    }

    /** How often the repository is checked for files changed by hand. */
    public Builder reloadInterval(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(
            "reload interval: " + interval + " (expected: a positive duration)");
      }
      this.reloadInterval = interval;
      return this;
    }

    /**
     * Enables the stateful calls on the lead store at {@code location} ({@code rocksdb:DIR}, or
     * another scheme a store module on the class path provides). Without a store they answer {@code
     * UNIMPLEMENTED}.
     */
    public Builder store(String location, LeadStoreConfig config) {
      this.store = requireNonNull(location, "location");
      this.storeConfig = requireNonNull(config, "config");
      return this;
    }

    /**
     * Serves Prometheus metrics, with the JVM's meters, at {@code http://host:port/metrics}; port 0
     * picks a free one. Off by default.
     */
    public Builder metrics(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("metrics port: " + port + " (expected: 0..65535)");
      }
      this.metricsHost = requireNonNull(host, "host");
      this.metricsPort = port;
      return this;
    }

    /**
     * Records the server's meters in {@code registry} instead of an endpoint of its own (for
     * embedding and tests).
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = requireNonNull(registry, "registry");
      return this;
    }

    /** Further settings of the gRPC server: security, clock, executor, event-stream limits. */
    public Builder server(Consumer<LeadscoreServer.Builder> settings) {
      serverSettings.add(requireNonNull(settings, "settings"));
      return this;
    }

    /** Also serves {@code service} on the same server (e.g. a benchmark's baseline). */
    public Builder addService(ServerServiceDefinition service) {
      extraServices.add(requireNonNull(service, "service"));
      return this;
    }

    /**
     * Loads everything and starts serving.
     *
     * @throws ScoringException {@link ScoringErrorCode#STARTUP_FAILED} listing every problem of the
     *     plugins or models, or {@link ScoringErrorCode#STORE_FAILED} if the store cannot be opened
     * @throws IllegalArgumentException for a store location no provider knows
     * @throws UncheckedIOException if a port is in use or a directory cannot be read
     */
    public LeadscoreRuntime start() {
      if (transport == null) {
        throw new IllegalStateException("transport: not set (expected: a ServerBuilder)");
      }
      Resources resources = new Resources();
      try {
        return start(transport, resources);
      } catch (RuntimeException | Error e) {
        resources.close();
        throw e;
      }
    }

    private LeadscoreRuntime start(ServerBuilder<?> transport, Resources resources) {
      // The meter registry and its JVM meters load many classes: prepare them on a second core
      // while this one compiles models.
      CompletableFuture<@Nullable PrometheusEndpoint> endpoint =
          metricsHost == null
              ? CompletableFuture.completedFuture(null)
              : CompletableFuture.supplyAsync(PrometheusEndpoint::new);
      resources.endpoint = endpoint;
      resources.plugins = pluginDirectory == null ? ImmutableList.of() : loadPlugins();
      Engine engine =
          Engine.of(
              ImmutableList.<CriteriaPlugin>builder()
                  .addAll(CriteriaPlugins.discoverBuiltin())
                  .addAll(resources.plugins)
                  .build(),
              modelLimits,
              CallDeadlines::cancelled);
      engine
          .criterionTypes()
          .factories()
          .forEach(
              (type, factory) ->
                  LOG.log(
                      Level.INFO,
                      "criterion type={0} factory={1}",
                      type,
                      factory.getClass().getName()));
      RepositoryModelRegistry registry = registry(engine, resources);
      LeadscoreServer.Builder server =
          LeadscoreServer.builder(transport)
              .models(registry, engine.criterionTypes())
              .plugins(resources.plugins);
      if (store != null) {
        resources.store = LeadStores.open(store, storeConfig);
        LOG.log(Level.INFO, "lead store={0} sync={1}", store, storeConfig.sync());
        server.leadStore(resources.store);
      }
      PrometheusEndpoint metrics = endpoint.join();
      if (metrics != null) {
        server.meterRegistry(metrics.registry());
        metrics.start(requireNonNull(metricsHost), metricsPort);
      } else if (meterRegistry != null) {
        server.meterRegistry(meterRegistry);
      }
      extraServices.forEach(server::addService);
      serverSettings.forEach(settings -> settings.accept(server));
      LeadscoreServer started = server.build().start();
      resources.server = started;
      resources.watcher = RepositoryWatcher.start(registry.repository(), reloadInterval);
      return new LeadscoreRuntime(engine, registry, started, resources);
    }

    /** The plugins of the plugin directory, each on its own executor. */
    private ImmutableList<LoadedPlugin> loadPlugins() {
      PluginLimits limits = pluginLimits;
      return new PluginDirectory(
              name -> PluginExecutor.create(name, limits, CallDeadlines::nanosLeft))
          .load(requireNonNull(pluginDirectory));
    }

    private RepositoryModelRegistry registry(Engine engine, Resources resources) {
      Map<String, byte[]> bundled =
          bundledModels != null ? bundledModels : LeadscoreRuntime.bundledModels();
      ModelStore repository =
          modelStore != null
              ? ModelStores.open(modelStore, engine.compiler(), bundled, Clock.systemUTC())
              : ModelRepository.open(models, engine.compiler(), Clock.systemUTC(), bundled);
      resources.models = repository;
      LOG.log(Level.INFO, "model repository={0}", repository.location());
      logModels(repository, bundledModels == null);
      List<FieldViolation> problems = new ArrayList<>();
      repository.models().values().forEach(entry -> problems.addAll(entry.fileProblems()));
      if (!problems.isEmpty() && !allowInvalidModels) {
        throw ScoringException.invalid(
            ScoringErrorCode.STARTUP_FAILED,
            "models failed to load (start with --allow-invalid-models to serve the others)",
            problems);
      }
      return new RepositoryModelRegistry(
          repository, engine.compiler(), defaultModel, modelCacheSize);
    }

    private static void logModels(ModelStore repository, boolean bundledResource) {
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
                                      ? (bundledResource
                                          ? "classpath:models/" + version.name() + ".json"
                                          : "bundled")
                                      : repository.location() + "/" + version.name())));
    }
  }

  /** The gRPC server. */
  public LeadscoreServer server() {
    return server;
  }

  /** The port gRPC listens on, -1 for in-process transports. */
  public int port() {
    return server.port();
  }

  /** The port of {@code /metrics}; empty when metrics are off. */
  public Optional<Integer> metricsPort() {
    PrometheusEndpoint endpoint = resources.endpoint == null ? null : resources.endpoint.join();
    return endpoint == null ? Optional.empty() : Optional.of(endpoint.port());
  }

  /** The plugins loaded from the plugin directory, each with its executor; empty without one. */
  public ImmutableList<LoadedPlugin> plugins() {
    return resources.plugins;
  }

  /** The criterion types and the compiler. */
  public Engine engine() {
    return engine;
  }

  /** The models requests resolve against. */
  public RepositoryModelRegistry registry() {
    return registry;
  }

  /** The lead store, if stateful calls are enabled. */
  public Optional<LeadStore> store() {
    return Optional.ofNullable(resources.store);
  }

  /**
   * Drains the server (see {@link LeadscoreServer#shutdown}), then releases plugins, store and
   * metrics. Call once.
   *
   * @return whether every call finished within {@code grace}
   */
  public boolean shutdown(Duration grace) throws InterruptedException {
    if (resources.watcher != null) {
      resources.watcher.close();
    }
    try {
      return server.shutdown(grace);
    } finally {
      resources.server = null;
      resources.close();
    }
  }

  /** Shuts down with a one-second grace; see {@link #shutdown}. */
  @Override
  public void close() {
    try {
      shutdown(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Blocks until the server has terminated. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * What a runtime opened, released in reverse order by {@link #close}: the one cleanup path for a
   * failed start-up and for shutdown.
   */
  private static final class Resources implements AutoCloseable {
    @Nullable CompletableFuture<@Nullable PrometheusEndpoint> endpoint;
    ImmutableList<LoadedPlugin> plugins = ImmutableList.of();
    @Nullable LeadStore store;
    @Nullable ModelStore models;
    @Nullable RepositoryWatcher watcher;
    @Nullable LeadscoreServer server;

    @Override
    public void close() {
      if (server != null) {
        try {
          server.shutdown(Duration.ZERO);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (watcher != null) {
        watcher.close();
      }
      plugins.forEach(plugin -> plugin.executor().close());
      if (store != null) {
        store.close();
      }
      if (models != null) {
        models.close();
      }
      if (endpoint != null) {
        PrometheusEndpoint metrics = endpoint.join();
        if (metrics != null) {
          metrics.close();
        }
      }
    }
  }
}
