package dev.leadscore.server;

import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.store.redis.RedisClusterExtension;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One server replica on a shared Redis Cluster, started through {@link LeadscoreRuntime} as {@code
 * serve --store redis://…} starts it (leads and models in the cluster, no models directory), on an
 * in-process transport, with the clock fixed at {@link InProcessLeadscore#NOW}.
 */
final class RedisReplica implements AutoCloseable {
  private final LeadscoreRuntime runtime;
  private final ManagedChannel channel;

  private RedisReplica(LeadscoreRuntime runtime, ManagedChannel channel) {
    this.runtime = runtime;
    this.channel = channel;
  }

  /** A location on {@code cluster} in a namespace of its own, for the replicas of one test. */
  static String location(RedisClusterExtension cluster, String options) {
    String prefix = "s" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    return "redis://"
        + String.join(",", cluster.nodes())
        + "?key-prefix="
        + prefix
        + (options.isEmpty() ? "" : "&" + options);
  }

  static RedisReplica start(String location) {
    return start(location, runtime -> {});
  }

  /** Starts a replica; {@code settings} may change the runtime's (and through it the server's). */
  static RedisReplica start(String location, Consumer<LeadscoreRuntime.Builder> settings) {
    String name = InProcessServerBuilder.generateName();
    LeadscoreRuntime.Builder builder =
        LeadscoreRuntime.builder()
            .transport(InProcessServerBuilder.forName(name))
            .store(location, LeadStoreConfig.defaults())
            .modelStore(location)
            .server(server -> server.clock(Clock.fixed(InProcessLeadscore.NOW, ZoneOffset.UTC)));
    settings.accept(builder);
    return new RedisReplica(builder.start(), InProcessChannelBuilder.forName(name).build());
  }

  ManagedChannel channel() {
    return channel;
  }

  LeadscoreRuntime runtime() {
    return runtime;
  }

  ScoringServiceGrpc.ScoringServiceBlockingStub scoring() {
    return ScoringServiceGrpc.newBlockingStub(channel);
  }

  ScoringServiceGrpc.ScoringServiceStub scoringAsync() {
    return ScoringServiceGrpc.newStub(channel);
  }

  ModelServiceGrpc.ModelServiceBlockingStub models() {
    return ModelServiceGrpc.newBlockingStub(channel);
  }

  /** The health status of {@code service} ("" for the server). */
  ServingStatus health(String service) {
    return HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    runtime.shutdown(Duration.ofSeconds(1));
  }
}
