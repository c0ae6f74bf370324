package dev.leadscore.server;

import static java.util.Objects.requireNonNull;

import com.google.common.annotations.VisibleForTesting;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The leadscore gRPC server: the scoring service, the standard health service and server
 * reflection, on whatever {@link ServerBuilder} it is handed (Netty in production, in-process in
 * tests). Health reports {@code SERVING} only once the server has started, and {@code NOT_SERVING}
 * from the moment a shutdown begins, so load balancers drain it first.
 */
public final class LeadscoreServer {
  /** The largest request the server accepts. */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

  private final Server server;
  private final HealthStatusManager health;
  private final @Nullable LeadStreams leads;

  private LeadscoreServer(Server server, HealthStatusManager health, @Nullable LeadStreams leads) {
    this.server = server;
    this.health = health;
    this.leads = leads;
  }

  /**
   * A builder for a server on {@code serverBuilder}: a fresh builder whose services, interceptors
   * and limits are set here (Netty in production, in-process in tests).
   */
  public static Builder builder(ServerBuilder<?> serverBuilder) {
    return new Builder(serverBuilder);
  }

  /** Collects the parts of a server; {@link #registry} is required. */
  public static final class Builder {
    private final ServerBuilder<?> serverBuilder;
    private @Nullable ModelRegistry registry;
    private Clock clock = Clock.systemUTC();
    private @Nullable LeadStore leadStore;
    private int maxEventsPerLead = LeadStates.DEFAULT_MAX_EVENTS_PER_LEAD;
    private int lanes =
        Integer.getInteger(
            "leadscore.lanes", Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

    private Builder(ServerBuilder<?> serverBuilder) {
      this.serverBuilder = requireNonNull(serverBuilder, "serverBuilder");
    }

    /** The models requests resolve against. */
    public Builder registry(ModelRegistry registry) {
      this.registry = requireNonNull(registry, "registry");
      return this;
    }

    /** The clock for requests without {@code as_of}; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
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
     * How many threads apply stream inputs (one lead always on the same one); 4 per core, at least
     * 8, by default. More help when each write waits for fsync.
     */
    public Builder lanes(int lanes) {
      if (lanes < 1) {
        throw new IllegalArgumentException("lanes: " + lanes + " (expected: >= 1)");
      }
      this.lanes = lanes;
      return this;
    }

    /** Builds, but does not start, the server. */
    public LeadscoreServer build() {
      if (registry == null) {
        throw new IllegalStateException("registry: not set (expected: a ModelRegistry)");
      }
      HealthStatusManager health = new HealthStatusManager();
      health.setStatus("", ServingStatus.NOT_SERVING);
      health.setStatus(ScoringServiceGrpc.SERVICE_NAME, ServingStatus.NOT_SERVING);
      LeadStreams leads =
          leadStore == null
              ? null
              : new LeadStreams(registry, leadStore, clock, maxEventsPerLead, lanes);
      Server server =
          serverBuilder
              .addService(new ScoringServiceImpl(new RequestScorer(registry, clock), leads))
              .addService(health.getHealthService())
              .addService(ProtoReflectionServiceV1.newInstance())
              .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
              .build();
      return new LeadscoreServer(server, health, leads);
    }
  }

  /** Starts serving and reports {@code SERVING}. */
  public LeadscoreServer start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the server: " + e.getMessage(), e);
    }
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(ScoringServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    return this;
  }

  /** The port the server listens on, -1 for in-process transports. */
  public int port() {
    return server.getPort();
  }

  /**
   * Stops taking calls, lets calls in flight finish within {@code grace}, then cancels the rest.
   * Stream inputs already taken are applied before this returns, so the lead store can be closed
   * afterwards. Open {@code WatchTransitions} calls are ended at once with {@code UNAVAILABLE}.
   */
  public void shutdown(Duration grace) throws InterruptedException {
    health.enterTerminalState();
    server.shutdown();
    if (leads != null) {
      leads.endWatches();
    }
    if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      server.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
    }
    if (leads != null) {
      leads.shutdown(5_000);
    }
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
