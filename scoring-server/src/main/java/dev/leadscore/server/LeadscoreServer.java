package dev.leadscore.server;

import static java.util.Objects.requireNonNull;

import com.google.common.annotations.VisibleForTesting;
import dev.leadscore.core.internal.RateLimitedLog;
import dev.leadscore.core.lead.LeadLimits;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.plugin.LoadedPlugin;
import dev.leadscore.core.plugin.PluginExecutor;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.registry.RepositoryModelRegistry;
import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.ScoreSnapshots;
import dev.leadscore.core.state.StoreHealth;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.accounts.AccountRequests;
import dev.leadscore.server.evaluation.EvaluationServiceImpl;
import dev.leadscore.server.events.EventStreams;
import dev.leadscore.server.events.TransitionFeed;
import dev.leadscore.server.internal.CallTracker;
import dev.leadscore.server.internal.MalformedMessages;
import dev.leadscore.server.internal.MetricsInterceptor;
import dev.leadscore.server.internal.ResponseSizes;
import dev.leadscore.server.internal.ScoringMetrics;
import dev.leadscore.server.models.ModelServiceImpl;
import dev.leadscore.server.scoring.StatelessScorer;
import dev.leadscore.server.security.AccessControl;
import dev.leadscore.server.security.AccessPolicy;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The leadscore gRPC server: the scoring service, the standard health service and server
 * reflection, on whatever {@link ServerBuilder} it is handed (Netty in production, in-process in
 * tests). Health reports {@code SERVING} only once the server has started, and {@code NOT_SERVING}
 * from the moment a shutdown begins, so load balancers drain it first.
 *
 * <p>Health names: {@code ""} (the server) and {@code leadscore.v1.ScoringService} are {@code
 * SERVING} while every call can be served, so they also turn {@code NOT_SERVING} while the lead
 * store cannot serve ({@link LeadStore#health()}, which the store reports as it changes) and back
 * by themselves; {@value #STATELESS_HEALTH} stays {@code SERVING} then, for deployments that want
 * stateless scoring to stay in rotation through a store outage.
 */
public final class LeadscoreServer {
  /** The health service name of a plugin-directory plugin is this and the plugin folder's name. */
  public static final String PLUGIN_HEALTH_PREFIX = "leadscore.plugin.";

  /** The largest request the server accepts. */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

  /**
   * The health name that is {@code SERVING} while stateless scoring ({@code Score}, {@code
   * ScoreBatch}, {@code ScoreStream}) works, whatever the lead store's state.
   */
  public static final String STATELESS_HEALTH = "leadscore.stateless";

  /** The largest answer the server sends; a call whose answer would be larger fails. */
  public static final int MAX_RESPONSE_BYTES = ResponseSizes.MAX_RESPONSE_BYTES;

  /** The most leads one {@code ScoreBatch} may carry, by default. */
  public static final int DEFAULT_MAX_BATCH_LEADS = 1000;

  private static final long DRAIN_POLL_MILLIS = 20;

  private static final System.Logger LOG = System.getLogger(LeadscoreServer.class.getName());

  private final Server server;
  private final HealthStatusManager health;
  private final CallTracker calls;
  private final @Nullable EventStreams leads;
  private final EvaluationServiceImpl evaluation;
  private final AccessControl access;
  private final @Nullable LeadStore store;
  // Guarded by this: health follows the store only between start and shutdown.
  private boolean serving;
  private @Nullable AutoCloseable storeHealth;
  private boolean storeServing = true;

  private LeadscoreServer(
      Server server,
      HealthStatusManager health,
      CallTracker calls,
      @Nullable EventStreams leads,
      EvaluationServiceImpl evaluation,
      AccessControl access,
      @Nullable LeadStore store) {
    this.server = server;
    this.health = health;
    this.calls = calls;
    this.leads = leads;
    this.evaluation = evaluation;
    this.access = access;
    this.store = store;
  }

  /**
   * A builder for a server on {@code serverBuilder}: a fresh builder whose services, interceptors
   * and limits are set here (Netty in production, in-process in tests). {@link LeadscoreRuntime}
   * builds one from settings; use this directly only to assemble the parts yourself.
   */
  public static Builder builder(ServerBuilder<?> serverBuilder) {
    return new Builder(serverBuilder);
  }

  /** Collects the parts of a server; {@link #models} or {@link #registry} is required. */
  public static final class Builder {
    private final ServerBuilder<?> serverBuilder;
    private @Nullable ModelRegistry registry;
    private @Nullable RepositoryModelRegistry repository;
    private @Nullable CriterionRegistry criterionTypes;
    private Clock clock = Clock.systemUTC();
    private AccessPolicy accessPolicy = AccessPolicy.defaults();
    private MeterRegistry meterRegistry = new CompositeMeterRegistry();
    private boolean directExecutor;
    private @Nullable LeadStore leadStore;
    private List<PluginExecutor> plugins = List.of();
    private int maxEventsPerLead = LeadStates.DEFAULT_MAX_EVENTS_PER_LEAD;
    private Duration snapshotDelay = ScoreSnapshots.DEFAULT_DELAY;
    private LeadLimits leadLimits = LeadLimits.defaults();
    private int maxBatchLeads = DEFAULT_MAX_BATCH_LEADS;
    private int lanes = defaultLanes();
    private final List<ServerServiceDefinition> extraServices = new ArrayList<>();

    private Builder(ServerBuilder<?> serverBuilder) {
      this.serverBuilder = requireNonNull(serverBuilder, "serverBuilder");
    }

    /**
     * Serves requests from {@code models}, manages its repository through {@code
     * leadscore.v1.ModelService} (whose criterion types come from {@code criterionTypes}) and
     * exports the repository's and the criteria's meters. What {@link LeadscoreRuntime} uses.
     */
    public Builder models(RepositoryModelRegistry models, CriterionRegistry criterionTypes) {
      this.registry = requireNonNull(models, "models");
      this.repository = models;
      this.criterionTypes = requireNonNull(criterionTypes, "criterionTypes");
      return this;
    }

    /**
     * Serves requests from {@code registry} alone: no ModelService, no repository meters. For a
     * registry of your own; {@link #models} is the usual choice.
     */
    public Builder registry(ModelRegistry registry) {
      this.registry = requireNonNull(registry, "registry");
      this.repository = null;
      this.criterionTypes = null;
      return this;
    }

    /**
     * Who may call what: named clients with roles, and what callers without credentials may do. By
     * default ({@link AccessPolicy#defaults()}): everything from this host when the server listens
     * on loopback only, nothing but health and reflection when it listens beyond. {@link
     * #adminToken} and {@link #adminClientCertificates} add to the policy set here, so set it
     * first.
     */
    public Builder accessPolicy(AccessPolicy policy) {
      this.accessPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * A bearer token that identifies a client {@code admin} holding every role ({@code
     * --admin-token}). Once admin credentials exist, callers without credentials may no longer
     * write models, even on loopback.
     */
    public Builder adminToken(String token) {
      this.accessPolicy = accessPolicy.withAdminToken(token);
      return this;
    }

    /**
     * Lets any client certificate verified by the transport (TLS with a client CA) act with every
     * role, unless a client of the policy claims it ({@code --tls-client-ca}).
     */
    public Builder adminClientCertificates() {
      this.accessPolicy = accessPolicy.withCertificateAdmins();
      return this;
    }

    /**
     * Lets callers without credentials make every call but model writes even when the server
     * listens beyond loopback ({@code --insecure-open}). Off by default.
     */
    public Builder insecureOpen(boolean open) {
      this.accessPolicy = accessPolicy.withInsecureOpen(open);
      return this;
    }

    /**
     * Reports these plugin-directory plugins: metrics per plugin, and a health status per plugin
     * ({@value #PLUGIN_HEALTH_PREFIX}{@code <folder>}) that is {@code NOT_SERVING} while the plugin
     * is quarantined. The server's own health is not affected: other models still serve.
     */
    public Builder plugins(List<LoadedPlugin> loaded) {
      this.plugins = loaded.stream().map(LoadedPlugin::executor).toList();
      return this;
    }

    /** The clock for requests without {@code as_of}; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where the server records its {@code leadscore_*} meters: calls, status codes, latency and
     * messages per RPC method, engine time and failures per model, criterion failures per type.
     * Without one, nothing is recorded.
     */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /**
     * Enables stateful scoring (StreamEvents, GetLead, DeleteLead, WatchTransitions) on this store.
     * The caller owns the store and closes it after {@link #shutdown}.
     */
    public Builder leadStore(LeadStore leadStore) {
      this.leadStore = requireNonNull(leadStore, "leadStore");
      return this;
    }

    /** How many events a stored lead keeps, the most recent by event time; 1000 by default. */
    public Builder maxEventsPerLead(int maxEventsPerLead) {
      if (maxEventsPerLead < 1) {
        throw new IllegalArgumentException(
            "maxEventsPerLead: " + maxEventsPerLead + " (expected: >= 1)");
      }
      this.maxEventsPerLead = maxEventsPerLead;
      return this;
    }

    /**
     * The delay after a stored lead's first event at which its score is kept for evaluation (what
     * {@code EvaluateModel} measures with basis {@code AT_DELAY}); 7 days by default.
     */
    public Builder snapshotDelay(Duration delay) {
      requireNonNull(delay, "delay");
      if (delay.isNegative() || delay.isZero()) {
        throw new IllegalArgumentException(
            "snapshot delay: " + delay + " (expected: a positive duration)");
      }
      this.snapshotDelay = delay;
      return this;
    }

    /**
     * Bounds on the shape of the leads requests carry and stream inputs store: attributes per lead,
     * event types per stored lead, properties per event, bytes per value and per event. {@link
     * LeadLimits#defaults()} by default.
     */
    public Builder leadLimits(LeadLimits leadLimits) {
      this.leadLimits = requireNonNull(leadLimits, "leadLimits");
      return this;
    }

    /**
     * The most leads one {@code ScoreBatch} may carry; {@value #DEFAULT_MAX_BATCH_LEADS} by
     * default.
     */
    public Builder maxBatchLeads(int maxBatchLeads) {
      if (maxBatchLeads < 1) {
        throw new IllegalArgumentException("maxBatchLeads: " + maxBatchLeads + " (expected: >= 1)");
      }
      this.maxBatchLeads = maxBatchLeads;
      return this;
    }

    /**
     * Runs call handlers on the transport's event-loop threads instead of handing each call to an
     * executor: one thread hop less per message. Only for criteria that never block — a criterion
     * that waits (on I/O, a lock, a remote service) would stall every connection sharing its event
     * loop. Off by default.
     */
    public Builder directExecutor(boolean directExecutor) {
      this.directExecutor = directExecutor;
      return this;
    }

    /**
     * How many threads apply stream inputs (one lead always on the same one); by default 4 per core
     * and at least 8 ({@link #defaultLanes()}). More help when each write waits for the store
     * (fsync, a network round trip).
     */
    public Builder lanes(int lanes) {
      if (lanes < 1) {
        throw new IllegalArgumentException("lanes: " + lanes + " (expected: >= 1)");
      }
      this.lanes = lanes;
      return this;
    }

    /** Also serves {@code service}, with the same interceptors as the server's own services. */
    public Builder addService(ServerServiceDefinition service) {
      extraServices.add(requireNonNull(service, "service"));
      return this;
    }

    /** Builds, but does not start, the server. */
    public LeadscoreServer build() {
      if (registry == null) {
        throw new IllegalStateException("models: not set (expected: a model registry)");
      }
      HealthStatusManager health = new HealthStatusManager();
      health.setStatus("", ServingStatus.NOT_SERVING);
      health.setStatus(ScoringServiceGrpc.SERVICE_NAME, ServingStatus.NOT_SERVING);
      health.setStatus(STATELESS_HEALTH, ServingStatus.NOT_SERVING);
      ScoringMetrics metrics = new ScoringMetrics(meterRegistry);
      if (repository != null && criterionTypes != null) {
        metrics.bindRepository(repository);
        metrics.bindCriterionFailures(criterionTypes.failures());
      }
      metrics.bindPlugins(plugins);
      for (PluginExecutor plugin : plugins) {
        String service = PLUGIN_HEALTH_PREFIX + plugin.plugin();
        Runnable report =
            () ->
                health.setStatus(
                    service,
                    plugin.quarantined() ? ServingStatus.NOT_SERVING : ServingStatus.SERVING);
        report.run();
        plugin.onQuarantineChange(report);
      }
      EventStreams leads =
          leadStore == null
              ? null
              : new EventStreams(
                  registry,
                  leadStore,
                  clock,
                  maxEventsPerLead,
                  leadLimits,
                  snapshotDelay,
                  lanes,
                  metrics);
      EvaluationServiceImpl evaluation =
          new EvaluationServiceImpl(
              registry,
              leadStore,
              repository == null ? null : repository.compiler(),
              clock,
              snapshotDelay);
      List<ServerServiceDefinition> services = new ArrayList<>();
      RateLimitedLog malformed = MalformedMessages.newReports();
      services.add(
          guarded(
              new ScoringServiceImpl(
                      new StatelessScorer(registry, clock, metrics, leadLimits, maxBatchLeads),
                      leads,
                      new AccountRequests(registry, clock, metrics, leadStore))
                  .bindService(),
              malformed));
      if (repository != null && criterionTypes != null) {
        services.add(
            guarded(new ModelServiceImpl(repository, criterionTypes).bindService(), malformed));
      }
      services.add(guarded(evaluation.bindService(), malformed));
      services.add(guarded(health.getHealthService().bindService(), malformed));
      services.add(guarded(ProtoReflectionServiceV1.newInstance().bindService(), malformed));
      services.add(guarded(reflectionV1Alpha(), malformed));
      extraServices.forEach(service -> services.add(guarded(service, malformed)));
      MetricsInterceptor meters = MetricsInterceptor.of(services, meterRegistry);
      CallTracker calls = new CallTracker();
      AccessControl access = new AccessControl(accessPolicy);
      for (ServerServiceDefinition service : services) {
        // Intercepted last runs first: the tracker counts a call before anything else sees it, and
        // the meters count refusals too.
        serverBuilder.addService(ServerInterceptors.intercept(service, access, meters, calls));
      }
      if (directExecutor) {
        serverBuilder.directExecutor();
      }
      Server server = serverBuilder.maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES).build();
      return new LeadscoreServer(server, health, calls, leads, evaluation, access, leadStore);
    }
  }

  /**
   * Server reflection under its first name, {@code grpc.reflection.v1alpha}: Postman and older
   * grpcurl and Evans speak only this one. grpc-java deprecated the class in favour of v1, which is
   * served too; both answer from the same services.
   */
  @SuppressWarnings("deprecation")
  private static ServerServiceDefinition reflectionV1Alpha() {
    return io.grpc.protobuf.services.ProtoReflectionService.newInstance().bindService();
  }

  /**
   * {@code service} with malformed requests answered {@code INVALID_ARGUMENT}; the three
   * bidirectional streams answer them in place and go on. Innermost, so interceptors see the
   * answer.
   */
  private static ServerServiceDefinition guarded(
      ServerServiceDefinition service, RateLimitedLog reports) {
    return MalformedMessages.guard(
        service,
        Set.of(
            ScoringServiceGrpc.getScoreStreamMethod().getFullMethodName(),
            ScoringServiceGrpc.getStreamEventsMethod().getFullMethodName(),
            ScoringServiceGrpc.getStreamEventBatchesMethod().getFullMethodName()),
        reports);
  }

  /** The default number of lanes: 4 per available core, at least 8. */
  public static int defaultLanes() {
    return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
  }

  /**
   * Starts serving and reports {@code SERVING}.
   *
   * @throws UncheckedIOException if the transport cannot bind (e.g. the port is in use)
   */
  public LeadscoreServer start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the server: " + e.getMessage(), e);
    }
    health.setStatus(STATELESS_HEALTH, ServingStatus.SERVING);
    access.listening(server.getListenSockets());
    synchronized (this) {
      serving = true;
      if (store != null) {
        storeHealth = store.onHealthChange(this::followStore);
      }
    }
    followStore();
    return this;
  }

  /**
   * Health is {@code SERVING} while the lead store (if any) takes writes, {@code NOT_SERVING} while
   * it cannot (a full disk): a load balancer then sends stream traffic elsewhere until the store
   * recovers. Both the server ({@code ""}) and {@code leadscore.v1.ScoringService} follow it.
   */
  private synchronized void followStore() {
    if (!serving) {
      return;
    }
    StoreHealth state = store == null ? StoreHealth.SERVING : store.health();
    ServingStatus status = state.serving() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    if (store != null) {
      LOG.log(
          state.serving() ? Level.INFO : Level.WARNING,
          "health {0}{1}",
          status,
          state.serving() ? "" : ": " + state.reason());
    }
    health.setStatus("", status);
    health.setStatus(ScoringServiceGrpc.SERVICE_NAME, status);
    if (storeServing && !state.serving() && leads != null) {
      // Open watches end with UNAVAILABLE so that their clients resume, with from_sequence, on a
      // replica that can read the feed; new ones are taken as soon as the store answers again.
      leads.storeUnavailable();
    }
    storeServing = state.serving();
  }

  /** The port the server listens on, -1 for in-process transports. */
  public int port() {
    return server.getPort();
  }

  /**
   * Reports {@code NOT_SERVING}, stops taking calls, lets calls in flight finish within {@code
   * grace}, then cancels the rest. Health {@code Watch} streams are not waited for: they have been
   * told {@code NOT_SERVING} and are cancelled once every other call has finished. Open {@code
   * WatchTransitions} calls are ended at once with {@code UNAVAILABLE}. Stream inputs already taken
   * are applied before this returns, so the lead store can be closed afterwards.
   *
   * @return whether every call other than health watches finished within the grace
   */
  public boolean shutdown(Duration grace) throws InterruptedException {
    AutoCloseable following;
    synchronized (this) {
      serving = false;
      following = storeHealth;
    }
    if (following != null) {
      try {
        following.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "cannot stop following the lead store's health", e);
      }
    }
    health.enterTerminalState();
    server.shutdown();
    if (leads != null) {
      leads.endWatches();
    }
    boolean drained = awaitDrain(grace);
    evaluation.shutdown();
    if (leads != null) {
      leads.shutdown(5_000);
    }
    return drained;
  }

  private boolean awaitDrain(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (calls.callsToDrain() > 0 && System.nanoTime() - deadline < 0) {
      if (server.awaitTermination(DRAIN_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    boolean drained = calls.callsToDrain() == 0;
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    return drained;
  }

  @VisibleForTesting
  @Nullable TransitionFeed transitionFeedForTest() {
    return leads == null ? null : leads.feedForTest();
  }

  /** Blocks until the server has terminated. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }
}
