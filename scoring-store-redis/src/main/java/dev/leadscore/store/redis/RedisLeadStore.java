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
import dev.leadscore.core.state.StoreHealth;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private static final StoreHealth UNREACHABLE =
      StoreHealth.notServing("lead store cannot reach the Redis Cluster (retrying)");

  private final RedisKeys keys;
  private final ClusterClient clusterClient;
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
  private final long staleSweepNanos;
  private volatile boolean closed;
  // The sweep reads every partition's outbox each second, so it reaches every primary: its
  // outcome is the store's health, at no extra command.
  private volatile long lastSweep = System.nanoTime();
  private volatile boolean sweepFailed;
  private volatile boolean reportedServing = true;
  private final List<Runnable> healthListeners = new CopyOnWriteArrayList<>();

  private RedisLeadStore(
      RedisLeadStoreConfig redis, LeadStoreConfig config, ClusterClient clusterClient) {
    this.keys = new RedisKeys(redis.keyPrefix(), redis.partitions());
    this.clusterClient = clusterClient;
    this.client = clusterClient.client;
    this.connection = clusterClient.connection;
    this.cluster = new Cluster(connection, redis);
    this.scan = new LeadScan(connection, cluster, redis.keyPrefix());
    this.closeWait = redis.commandTimeout().multipliedBy(4);
    this.staleSweepNanos =
        redis.sweepInterval().plus(redis.commandTimeout().multipliedBy(2)).toNanos();
    checkPartitions(redis.partitions());
    this.head = new LogHead(readSequence());
    this.tail = new TransitionTail(client, keys.log(), head, redis);
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    this.executor = Executors.newFixedThreadPool(threads, daemon("leadscore-redis-"));
    // Two threads: the health check must run while a sweep hangs on an unreachable primary.
    this.sweeper = Executors.newScheduledThreadPool(2, daemon("leadscore-redis-sweep-"));
    TransitionRelay relay = new TransitionRelay(cluster, keys, redis, head, executor);
    String origin = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    this.writer =
        new LeadWriter(cluster, keys, redis, config.maxEventIdsPerLead(), relay, executor, origin);
    long sweepMillis = redis.sweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(
        () -> {
          try {
            relay.sweep();
            lastSweep = System.nanoTime();
            sweepFailed = false;
          } catch (RuntimeException e) {
            sweepFailed = true;
            StoreFailures.failed("relay pending transitions", e);
          }
        },
        0,
        sweepMillis,
        TimeUnit.MILLISECONDS);
    sweeper.scheduleWithFixedDelay(
        this::checkHealth, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
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
    ClusterClient cluster = ClusterClient.connect(redis);
    try {
      return new RedisLeadStore(redis, config, cluster);
    } catch (RuntimeException e) {
      cluster.close();
      throw e instanceof ScoringException scoring ? scoring : ClusterClient.unreachable(redis, e);
    }
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
   * Serving while every primary answered the last periodic sweep of the partitions (every {@link
   * RedisLeadStoreConfig#sweepInterval()}) and it ran recently; not serving from the first sweep
   * that fails, or one that hangs longer than two command timeouts, until one succeeds again.
   */
  @Override
  public StoreHealth health() {
    if (closed) {
      return StoreHealth.notServing("lead store closed");
    }
    if (sweepFailed || System.nanoTime() - lastSweep >= staleSweepNanos) {
      return UNREACHABLE;
    }
    return StoreHealth.SERVING;
  }

  /**
   * Calls {@code listener} after each change of {@link #health()}, which is checked every {@link
   * RedisLeadStoreConfig#sweepInterval()} on a store thread.
   */
  @Override
  public AutoCloseable onHealthChange(Runnable listener) {
    requireNonNull(listener, "listener");
    healthListeners.add(listener);
    return () -> healthListeners.remove(listener);
  }

  /** Tells the listeners when {@link #health()} changed since the last check. */
  private void checkHealth() {
    boolean serving = health().serving();
    if (serving == reportedServing) {
      return;
    }
    reportedServing = serving;
    for (Runnable listener : healthListeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        // One listener's failure must not stop the others, nor the checks (a thrown task would).
        StoreFailures.failed("tell a health listener", e);
      }
    }
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
    clusterClient.close();
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
