package dev.leadscore.store.redis;

import static dev.leadscore.store.redis.Cluster.bytes;
import static dev.leadscore.store.redis.Cluster.text;
import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.state.LeadMutation;
import dev.leadscore.core.state.LeadPage;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link LeadStore} on Redis Cluster that several server processes (replicas) share: any of them
 * may update any lead, and every one sees the transitions all of them append.
 *
 * <p>Design notes.
 *
 * <ul>
 *   <li><b>Per-lead atomicity: optimistic compare-and-set in Lua.</b> A lead is a hash of its
 *       record and a version token unique per write. An update reads the lead (or builds on this
 *       process's queued, not yet written update of it), runs the mutation locally, and writes with
 *       a script that applies only if the token is unchanged; on a conflict the script returns the
 *       current record and the update is planned and tried again ({@link LeadWriter}). Chosen over
 *       WATCH/MULTI, which needs a connection of its own per transaction (the client multiplexes
 *       one connection per node), and over a lock in Redis, which needs leases and fencing and
 *       still a check at write time. The mutation cannot run inside Redis: it is the Java model.
 *   <li><b>The shared transition log: outbox + relay.</b> Leads are spread over {@link
 *       RedisLeadStoreConfig#partitions()} hash slots. The update script appends a transition to
 *       its partition's outbox atomically with the state; {@link TransitionRelay} moves it into one
 *       log on its own slot, where a script gives it the next sequence number. So the log has one
 *       total order, consistent with each lead's order, and sequence numbers keep the meaning the
 *       {@link LeadStore} contract gives them: a watcher resumes from a sequence on any replica.
 *       The cost: every transition passes through one slot (one primary), and an update with a
 *       transition takes a third round trip.
 *   <li><b>Other processes' appends</b> reach {@link #onAppend} listeners through a blocking read
 *       of the log ({@link TransitionTail}); this process's own appends reach them before the
 *       update completes.
 *   <li><b>Durability.</b> An update completes once its primary applied it; with {@link
 *       RedisLeadStoreConfig#waitReplicas()} N, once N replicas confirmed it too (Redis {@code
 *       WAIT}; a shortfall fails the update, which may nevertheless have been applied: a retry with
 *       the same event id is then a duplicate). Without it, a primary that fails before its replica
 *       received the write loses it, acknowledged or not. How the primary persists (AOF, fsync) is
 *       the cluster's configuration; {@link LeadStoreConfig#sync()} does not apply.
 *   <li><b>Bounds.</b> Every command has a timeout; a connection queues at most {@link
 *       RedisLeadStoreConfig#maxQueuedCommands()} commands while it reconnects; records,
 *       transitions, the log and the outboxes have size limits; scripts are fixed texts.
 * </ul>
 *
 * <p>Deviations from the contract, all because Redis keeps data in memory: the log keeps only the
 * newest {@link RedisLeadStoreConfig#maxLogEntries()} transitions. After a failover that lost
 * writes (without {@code waitReplicas}), the newest sequence numbers may be handed out again.
 *
 * <p>Failures are {@link ScoringException}s with {@link ScoringErrorCode#STORE_FAILED} and a
 * message safe to show to clients; the client reconnects and follows failovers by itself.
 *
 * @since 0.2
 */
public final class RedisLeadStore implements LeadStore {
  private static final AtomicInteger THREADS = new AtomicInteger();

  /**
   * Lettuce warns "Connection is already closed" for each node connection when a cluster client
   * shuts down (its connection and the client both close them): noise on every close, so that
   * logger shows only errors. Held here, as java.util.logging keeps loggers weakly.
   */
  private static final java.util.logging.Logger CLOSE_NOISE =
      java.util.logging.Logger.getLogger("io.lettuce.core.RedisChannelHandler");

  static {
    CLOSE_NOISE.setLevel(java.util.logging.Level.SEVERE);
  }

  private final RedisKeys keys;
  private final ClientResources resources;
  private final RedisClusterClient client;
  private final StatefulRedisClusterConnection<byte[], byte[]> connection;
  private final Cluster cluster;
  private final ExecutorService executor;
  private final ScheduledExecutorService sweeper;
  private final LogHead head;
  private final LeadWriter writer;
  private final TransitionTail tail;
  private final LeadScan scan;
  private final Duration closeWait;
  private volatile boolean closed;

  private RedisLeadStore(
      RedisLeadStoreConfig redis,
      LeadStoreConfig config,
      ClientResources resources,
      RedisClusterClient client,
      StatefulRedisClusterConnection<byte[], byte[]> connection) {
    this.keys = new RedisKeys(redis.keyPrefix(), redis.partitions());
    this.resources = resources;
    this.client = client;
    this.connection = connection;
    this.cluster = new Cluster(connection, redis);
    this.scan = new LeadScan(connection, cluster, redis.keyPrefix());
    this.closeWait = redis.commandTimeout().multipliedBy(4);
    checkPartitions(redis.partitions());
    this.head = new LogHead(readSequence());
    this.tail = new TransitionTail(client, keys.log(), head, redis);
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    this.executor = Executors.newFixedThreadPool(threads, daemon("leadscore-redis-"));
    this.sweeper = Executors.newSingleThreadScheduledExecutor(daemon("leadscore-redis-sweep-"));
    TransitionRelay relay = new TransitionRelay(cluster, keys, redis, head, executor);
    String origin = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    this.writer =
        new LeadWriter(cluster, keys, redis, config.maxEventIdsPerLead(), relay, executor, origin);
    long sweepMillis = redis.sweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(
        () -> {
          try {
            relay.sweep();
          } catch (RuntimeException e) {
            StoreFailures.failed("relay pending transitions", e);
          }
        },
        0,
        sweepMillis,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Connects to the cluster and opens the store in its key namespace.
   *
   * @throws ScoringException {@link ScoringErrorCode#STORE_FAILED} if the cluster cannot be reached
   *     within the connect timeout, or the namespace was created with another partition count
   */
  public static RedisLeadStore open(RedisLeadStoreConfig redis, LeadStoreConfig config) {
    requireNonNull(redis, "redis");
    requireNonNull(config, "config");
    ClientResources resources =
        DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            .commandLatencyRecorder(CommandLatencyRecorder.disabled())
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
      StatefulRedisClusterConnection<byte[], byte[]> connection =
          client.connect(ByteArrayCodec.INSTANCE);
      try {
        return new RedisLeadStore(redis, config, resources, client, connection);
      } catch (RuntimeException e) {
        connection.close();
        throw e;
      }
    } catch (RuntimeException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
      if (e instanceof ScoringException scoring) {
        throw scoring;
      }
      throw new ScoringException(
          ScoringErrorCode.STORE_FAILED,
          "cannot reach Redis Cluster at " + String.join(",", redis.nodes()) + ": " + reason(e),
          List.of(),
          e);
    }
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
        .timeoutOptions(TimeoutOptions.enabled(redis.commandTimeout()))
        .socketOptions(
            SocketOptions.builder().connectTimeout(redis.connectTimeout()).keepAlive(true).build())
        .requestQueueSize(redis.maxQueuedCommands())
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.DEFAULT)
        .autoReconnect(true)
        .maxRedirects(5)
        .build();
  }

  private static String reason(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  /** The partition count is part of the key layout: opening with another would lose leads. */
  private void checkPartitions(int partitions) {
    byte[] field = bytes("partitions");
    var commands = connection.sync();
    commands.hsetnx(keys.meta(), field, bytes(Integer.toString(partitions)));
    String stored = text(commands.hget(keys.meta(), field));
    if (!stored.equals(Integer.toString(partitions))) {
      throw new ScoringException(
          ScoringErrorCode.STORE_FAILED,
          "the Redis lead store was created with "
              + stored
              + " partitions, not "
              + partitions
              + " (the partition count cannot change)");
    }
  }

  private long readSequence() {
    byte[] sequence = connection.sync().get(keys.sequence());
    return sequence == null ? 0 : Long.parseLong(text(sequence));
  }

  @Override
  public Optional<LeadState> get(String leadId) {
    requireNonNull(leadId, "leadId");
    checkOpen();
    try {
      var base = writer.read(leadId).join();
      return base.record() == null ? Optional.empty() : Optional.of(base.state());
    } catch (RuntimeException e) {
      throw StoreFailures.failed("read lead " + leadId, e);
    }
  }

  @Override
  public CompletableFuture<UpdateOutcome> update(
      String leadId, String eventId, LeadMutation mutation) {
    requireNonNull(leadId, "leadId");
    requireNonNull(eventId, "eventId");
    requireNonNull(mutation, "mutation");
    checkOpen();
    return writer.update(leadId, eventId, mutation);
  }

  @Override
  public long delete(String leadId) {
    requireNonNull(leadId, "leadId");
    checkOpen();
    return writer.delete(leadId);
  }

  /**
   * Pages through the leads with {@code SCAN} on each primary ({@link LeadScan}): a lead stored for
   * the whole scan is returned, possibly twice. A page never holds more than {@code limit} (keys a
   * {@code SCAN} found beyond it wait in the cursor) and may be empty before the end.
   */
  @Override
  public LeadPage scan(String cursor, int limit) {
    requireNonNull(cursor, "cursor");
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
    }
    checkOpen();
    try {
      return scan.scan(cursor, limit);
    } catch (IllegalArgumentException | ScoringException e) {
      throw e;
    } catch (RuntimeException e) {
      throw StoreFailures.failed("scan the leads", e);
    }
  }

  @Override
  public List<BandTransition> transitions(long fromSequence, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
    }
    checkOpen();
    List<StreamMessage<byte[], byte[]>> entries;
    try {
      entries =
          connection
              .async()
              .xrange(
                  keys.log(),
                  Range.create(Math.max(fromSequence, 0) + "-0", "+"),
                  Limit.from(limit))
              .toCompletableFuture()
              .join();
    } catch (RuntimeException e) {
      throw StoreFailures.failed("read the transition log", e);
    }
    List<BandTransition> page = new ArrayList<>(entries.size());
    for (StreamMessage<byte[], byte[]> entry : entries) {
      page.add(transition(entry));
    }
    return page;
  }

  /** The entry's transition, with its sequence taken from the entry's id. */
  private static BandTransition transition(StreamMessage<byte[], byte[]> entry) {
    for (Map.Entry<byte[], byte[]> field : entry.getBody().entrySet()) {
      if (field.getKey().length == 1 && field.getKey()[0] == 't') {
        try {
          return BandTransition.parseFrom(field.getValue()).toBuilder()
              .setSequence(StreamIds.sequence(entry.getId()))
              .build();
        } catch (InvalidProtocolBufferException e) {
          throw StoreFailures.failed("read the transition log", e);
        }
      }
    }
    throw StoreFailures.failed("read the transition log", new IllegalStateException(entry.getId()));
  }

  /**
   * The newest sequence this process knows: its own appends at once, other processes' within a
   * round trip of their append (while Redis is reachable).
   */
  @Override
  public long lastSequence() {
    return head.sequence();
  }

  /**
   * Calls {@code listener} after appends to the log: this process's own before their updates
   * complete, other processes' when the log is read (a store thread).
   */
  @Override
  public AutoCloseable onAppend(Runnable listener) {
    requireNonNull(listener, "listener");
    return head.listen(listener);
  }

  /**
   * Completes the updates made so far (waiting up to four command timeouts), then disconnects.
   * Callers stop using the store first: a call racing with close may fail.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + closeWait.toNanos();
    while (!writer.idle() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    sweeper.shutdownNow();
    tail.close();
    executor.shutdown();
    // Closes the remaining connections, this store's own included.
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  private void checkOpen() {
    if (closed) {
      throw new ScoringException(ScoringErrorCode.STORE_FAILED, "lead store closed");
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    return task -> {
      Thread thread = new Thread(task, prefix + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
