package dev.leadscore.store.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.List;

/**
 * Learns of appends to the shared log made by other processes: one thread blocks in {@code XREAD
 * BLOCK} on the log, on a connection of its own (a blocking read would hold up every other command
 * on a shared one), and moves the {@link LogHead} to the newest sequence read, which tells the
 * listeners. Idle, it costs one command per {@link RedisLeadStoreConfig#watchBlock()}; after a
 * failure it retries with a backoff of up to 2 s while the client reconnects and refreshes the
 * cluster's topology.
 */
final class TransitionTail implements AutoCloseable {
  private static final int COUNT = 256;
  private static final long MAX_BACKOFF_MILLIS = 2000;

  private final StatefulRedisClusterConnection<byte[], byte[]> connection;
  private final byte[] log;
  private final LogHead head;
  private final XReadArgs args;
  private final Thread thread;
  private volatile boolean closed;

  TransitionTail(RedisClusterClient client, byte[] log, LogHead head, RedisLeadStoreConfig config) {
    this.connection = client.connect(ByteArrayCodec.INSTANCE);
    this.connection.setTimeout(config.watchBlock().plus(config.commandTimeout()));
    this.log = log;
    this.head = head;
    this.args = XReadArgs.Builder.block(config.watchBlock()).count(COUNT);
    this.thread = new Thread(this::run, "leadscore-redis-tail");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    long cursor = head.sequence();
    long backoff = 100;
    while (!closed) {
      try {
        cursor = Math.max(cursor, head.sequence());
        List<StreamMessage<byte[], byte[]>> read =
            connection.sync().xread(args, XReadArgs.StreamOffset.from(log, cursor + "-0"));
        backoff = 100;
        if (read != null && !read.isEmpty()) {
          cursor = StreamIds.sequence(read.get(read.size() - 1).getId());
          head.advance(cursor);
        }
      } catch (RedisException e) {
        if (closed) {
          return;
        }
        StoreFailures.failed("read the transition log", e);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    connection.closeAsync();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
