package dev.leadscore.server;

import static java.util.Objects.requireNonNull;

import com.google.common.annotations.VisibleForTesting;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.registry.RepositoryModelRegistry;
import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.events.EventStreams;
import dev.leadscore.server.events.TransitionFeed;
import dev.leadscore.server.internal.AdminAuthInterceptor;
import dev.leadscore.server.internal.CallTracker;
import dev.leadscore.server.internal.MetricsInterceptor;
import dev.leadscore.server.internal.ScoringMetrics;
import dev.leadscore.server.internal.StoreHealth;
import dev.leadscore.server.models.ModelServiceImpl;
import dev.leadscore.server.scoring.StatelessScorer;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * store is unreachable ({@link LeadStore#healthy()}, checked every second) and back by themselves;
 * {@value #STATELESS_HEALTH} stays {@code SERVING} then, for deployments that want stateless
 * scoring to stay in rotation through a store outage.
 */
public final class LeadscoreServer {
  /** The largest request the server accepts. */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

  /**
   * The health name that is {@code SERVING} while stateless scoring ({@code Score}, {@code
   * ScoreBatch}, {@code ScoreStream}) works, whatever the lead store's state.
   */
  public static final String STATELESS_HEALTH = "leadscore.stateless";

  private static final long DRAIN_POLL_MILLIS = 20;

  private final Server server;
  private final HealthStatusManager health;
  private final CallTracker calls;
  private final @Nullable EventStreams leads;
  private final @Nullable LeadStore store;
  private final Duration storeHealthInterval;
  private volatile @Nullable StoreHealth storeHealth;

  private LeadscoreServer(
      Server server,
      HealthStatusManager health,
      CallTracker calls,
      @Nullable EventStreams leads,
      @Nullable LeadStore store,
      Duration storeHealthInterval) {
    this.server = server;
    this.health = health;
    this.calls = calls;
    this.leads = leads;
    this.store = store;
    this.storeHealthInterval = storeHealthInterval;
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
    private @Nullable String adminToken;
    private boolean adminClientCertificates;
    private MeterRegistry meterRegistry = new CompositeMeterRegistry();
    private boolean directExecutor;
    private @Nullable LeadStore leadStore;
    private int maxEventsPerLead = LeadStates.DEFAULT_MAX_EVENTS_PER_LEAD;
    private int lanes = defaultLanes();
    private Duration storeHealthInterval = Duration.ofSeconds(1);
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
     * The bearer token that authorizes ModelService writes. Without a token and without {@link
     * #adminClientCertificates}, writes are accepted only from the same host.
     */
    public Builder adminToken(String token) {
      requireNonNull(token, "token");
      if (token.isBlank()) {
        throw new IllegalArgumentException("token: blank (expected: a secret)");
      }
      this.adminToken = token;
      return this;
    }

    /**
     * Lets a client certificate verified by the transport (TLS with a client CA) authorize
     * ModelService writes.
     */
    public Builder adminClientCertificates() {
      this.adminClientCertificates = true;
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

    /** How often the lead store's health is checked for gRPC health; every second by default. */
    public Builder storeHealthInterval(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(
            "store health interval: " + interval + " (expected: a positive duration)");
      }
      this.storeHealthInterval = interval;
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
      EventStreams leads =
          leadStore == null
              ? null
              : new EventStreams(registry, leadStore, clock, maxEventsPerLead, lanes, metrics);
      List<ServerServiceDefinition> services = new ArrayList<>();
      services.add(
          new ScoringServiceImpl(new StatelessScorer(registry, clock, metrics), leads)
              .bindService());
      if (repository != null && criterionTypes != null) {
        services.add(
            ServerInterceptors.intercept(
                new ModelServiceImpl(repository, criterionTypes).bindService(),
                new AdminAuthInterceptor(adminToken, adminClientCertificates)));
      }
      services.add(health.getHealthService().bindService());
      services.add(ProtoReflectionServiceV1.newInstance().bindService());
      services.addAll(extraServices);
      MetricsInterceptor meters = MetricsInterceptor.of(services, meterRegistry);
      CallTracker calls = new CallTracker();
      for (ServerServiceDefinition service : services) {
        // Intercepted last runs first: the tracker counts a call before anything else sees it.
        serverBuilder.addService(ServerInterceptors.intercept(service, meters, calls));
      }
      if (directExecutor) {
        serverBuilder.directExecutor();
      }
      Server server = serverBuilder.maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES).build();
      return new LeadscoreServer(server, health, calls, leads, leadStore, storeHealthInterval);
    }
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
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(ScoringServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    health.setStatus(STATELESS_HEALTH, ServingStatus.SERVING);
    if (store != null) {
      EventStreams streams = leads;
      storeHealth =
          StoreHealth.start(
              store,
              health,
              List.of("", ScoringServiceGrpc.SERVICE_NAME),
              storeHealthInterval,
              () -> {
                if (streams != null) {
                  streams.storeUnavailable();
                }
              });
    }
    return this;
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
    health.enterTerminalState();
    if (storeHealth != null) {
      storeHealth.close();
    }
    server.shutdown();
    if (leads != null) {
      leads.endWatches();
    }
    boolean drained = awaitDrain(grace);
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
