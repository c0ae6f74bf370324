package dev.leadscore.store.redis;

import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Lettuce cluster client with the settings every part of this module uses (bounded timeouts and
 * queues, topology refreshed on redirects and reconnects), its threads, and one shared connection.
 * The lead store and the model store each hold one.
 */
final class ClusterClient implements AutoCloseable {
  /**
   * Lettuce loggers that show only errors. One warns "Connection is already closed" for each node
   * connection when a cluster client shuts down (its connection and the client both close them):
   * noise on every close. The others warn for every node at every reconnect attempt and topology
   * refresh while a node is down: dozens of lines a second in an outage, which the store reports
   * itself, once a second ({@link StoreFailures}), and the server once per change of health. Held
   * here, as java.util.logging keeps loggers weakly.
   */
  private static final List<java.util.logging.Logger> QUIET =
      List.of(
          java.util.logging.Logger.getLogger("io.lettuce.core.RedisChannelHandler"),
          java.util.logging.Logger.getLogger("io.lettuce.core.protocol.ConnectionWatchdog"),
          java.util.logging.Logger.getLogger(
              "io.lettuce.core.cluster.topology.DefaultClusterTopologyRefresh"),
          java.util.logging.Logger.getLogger(
              "io.lettuce.core.cluster.ClusterTopologyRefreshScheduler"));

  static {
    QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.SEVERE));
  }

  final ClientResources resources;
  final RedisClusterClient client;
  final StatefulRedisClusterConnection<byte[], byte[]> connection;

  private ClusterClient(
      ClientResources resources,
      RedisClusterClient client,
      StatefulRedisClusterConnection<byte[], byte[]> connection) {
    this.resources = resources;
    this.client = client;
    this.connection = connection;
  }

  /**
   * Connects to the cluster through its seed nodes.
   *
   * @throws ScoringException {@link ScoringErrorCode#STORE_FAILED} if no seed node answers within
   *     the connect timeout
   */
  static ClusterClient connect(RedisLeadStoreConfig redis) {
    ClientResources resources =
        DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            .commandLatencyRecorder(CommandLatencyRecorder.disabled())
            // Lettuce's default backs off to 30 s between reconnects; a replica must be back
            // within seconds of Redis, so the gap stays at most 2 s (with jitter).
            .reconnectDelay(
                Delay.equalJitter(
                    Duration.ofMillis(100), Duration.ofSeconds(2), 100, TimeUnit.MILLISECONDS))
            .build();
    List<RedisURI> seeds = new ArrayList<>();
    for (String node : redis.nodes()) {
      int colon = node.lastIndexOf(':');
      seeds.add(
          RedisURI.builder()
              .withHost(node.substring(0, colon))
              .withPort(Integer.parseInt(node.substring(colon + 1)))
              .withTimeout(redis.commandTimeout())
              .build());
    }
    RedisClusterClient client = RedisClusterClient.create(resources, seeds);
    client.setOptions(options(redis));
    try {
      return new ClusterClient(resources, client, client.connect(ByteArrayCodec.INSTANCE));
    } catch (RuntimeException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
      throw unreachable(redis, e);
    }
  }

  /** The failure to open a store on the cluster, naming its seed nodes and the reason. */
  static ScoringException unreachable(RedisLeadStoreConfig redis, Throwable e) {
    return new ScoringException(
        ScoringErrorCode.STORE_FAILED,
        "cannot reach Redis Cluster at " + String.join(",", redis.nodes()) + ": " + reason(e),
        List.of(),
        e);
  }

  private static ClusterClientOptions options(RedisLeadStoreConfig redis) {
    return ClusterClientOptions.builder()
        .topologyRefreshOptions(
            ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(Duration.ofSeconds(30))
                .enableAllAdaptiveRefreshTriggers()
                .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
                .refreshTriggersReconnectAttempts(2)
                .build())
        .timeoutOptions(
            TimeoutOptions.builder()
                .timeoutCommands(true)
                .timeoutSource(new Timeouts(redis))
                .build())
        .socketOptions(
            SocketOptions.builder().connectTimeout(redis.connectTimeout()).keepAlive(true).build())
        .requestQueueSize(redis.maxQueuedCommands())
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.DEFAULT)
        .autoReconnect(true)
        .maxRedirects(5)
        .build();
  }

  /**
   * Every command may take the command timeout, except a blocking {@code XREAD} (the transition
   * tail's), which the server holds for up to {@link RedisLeadStoreConfig#watchBlock()} before it
   * answers: with one fixed timeout it would time out whenever the log is idle.
   */
  private static final class Timeouts extends TimeoutOptions.TimeoutSource {
    private final long commandMillis;
    private final long blockingMillis;

    Timeouts(RedisLeadStoreConfig redis) {
      this.commandMillis = redis.commandTimeout().toMillis();
      this.blockingMillis = redis.watchBlock().plus(redis.commandTimeout()).toMillis();
    }

    @Override
    public long getTimeout(RedisCommand<?, ?, ?> command) {
      return command.getType() == CommandType.XREAD ? blockingMillis : commandMillis;
    }

    @Override
    public TimeUnit getTimeUnit() {
      return TimeUnit.MILLISECONDS;
    }
  }

  private static String reason(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    if (message == null) {
      return cause.getClass().getSimpleName();
    }
    // One line: Lettuce lists the reason per seed node under "Details:", "[uri]: reason"; the
    // first one says enough for a start-up error.
    List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    int details = lines.indexOf("Details:");
    String line =
        details >= 0 && details + 1 < lines.size() ? lines.get(details + 1) : lines.get(0);
    int uri = line.startsWith("[") ? line.indexOf("]: ") : -1;
    return uri > 0 ? line.substring(uri + 3) : line;
  }

  /** Closes every connection of the client, then its threads. */
  @Override
  public void close() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
