package dev.leadscore.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared connection to the cluster and what the store's parts need beside plain commands: the
 * replica acknowledgement ({@code WAIT}) of a write on a key's primary.
 */
final class Cluster {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final StatefulRedisClusterConnection<byte[], byte[]> connection;
  private final RedisAdvancedClusterAsyncCommands<byte[], byte[]> commands;
  private final int waitReplicas;
  private final long waitMillis;
  private final ConcurrentHashMap<StatefulRedisConnection<byte[], byte[]>, ReplicaWaits> waits =
      new ConcurrentHashMap<>();

  Cluster(StatefulRedisClusterConnection<byte[], byte[]> connection, RedisLeadStoreConfig config) {
    this.connection = connection;
    this.commands = connection.async();
    this.waitReplicas = config.waitReplicas();
    this.waitMillis = config.waitTimeout().toMillis();
  }

  RedisAdvancedClusterAsyncCommands<byte[], byte[]> commands() {
    return commands;
  }

  /**
   * Completes once {@code waitReplicas} replicas of {@code key}'s primary have every write this
   * process sent that primary so far; at once without {@code waitReplicas}. {@code WAIT} counts the
   * writes of the connection it is sent on, so it goes over the very connection the cluster client
   * routes the key's writes through (its write connection to that node), shared by concurrent
   * writes ({@link ReplicaWaits}).
   */
  CompletableFuture<Void> replicated(byte[] key) {
    if (waitReplicas == 0) {
      return DONE;
    }
    RedisClusterNode primary = connection.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
    if (primary == null) {
      return CompletableFuture.failedFuture(StoreFailures.failed("lead store unavailable"));
    }
    RedisURI uri = primary.getUri();
    return connection
        .getConnectionAsync(uri.getHost(), uri.getPort())
        .thenCompose(node -> waitsOn(node).request())
        .thenAccept(
            acknowledged -> {
              if (acknowledged < waitReplicas) {
                throw StoreFailures.failed(
                    "lead store: written on the primary but confirmed by "
                        + acknowledged
                        + " of "
                        + waitReplicas
                        + " replicas within "
                        + waitMillis
                        + " ms; retry");
              }
            });
  }

  /** The node connection's waits; a new node connection (after a reconnect) gets new ones. */
  private ReplicaWaits waitsOn(StatefulRedisConnection<byte[], byte[]> node) {
    ReplicaWaits current = waits.get(node);
    if (current == null) {
      waits.keySet().removeIf(old -> !old.isOpen());
      current = waits.computeIfAbsent(node, n -> new ReplicaWaits(n, waitReplicas, waitMillis));
    }
    return current;
  }

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  static String text(Object bytes) {
    return new String((byte[]) bytes, UTF_8);
  }
}
