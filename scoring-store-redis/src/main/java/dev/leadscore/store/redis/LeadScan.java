package dev.leadscore.store.redis;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.leadscore.core.state.LeadPage;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.store.redis.proto.LeadRecord;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Pages through the stored leads: {@code SCAN} with a {@code MATCH} of the lead keys on each
 * primary in turn, then one {@code HGET} of the record per key found (pipelined, routed by slot).
 *
 * <p>The cursor names the primary by a slot it owns (its lowest when the scan moved to it), so a
 * cursor stays meaningful while the client refreshes its view of the cluster, and carries Redis's
 * own cursor on that node. {@code SCAN} may return more keys than asked for: the keys of a batch
 * beyond the page travel in the cursor and open the next page. {@code SCAN}'s guarantees are the
 * store's: a lead present for the whole scan is returned; one may be returned twice (when a node
 * rehashes its key space during the scan). A failover during a scan restarts that node's {@code
 * SCAN} on the new primary's cursor space, which may repeat or, rarely, skip leads of that node.
 */
final class LeadScan {
  /** SCAN calls one page may make before it returns what it has (possibly nothing). */
  private static final int MAX_SCANS_PER_PAGE = 64;

  private static final byte[] RECORD = Cluster.bytes("r");

  private final StatefulRedisClusterConnection<byte[], byte[]> connection;
  private final Cluster cluster;
  private final String match;
  private final byte[] keyStart;

  LeadScan(
      StatefulRedisClusterConnection<byte[], byte[]> connection, Cluster cluster, String prefix) {
    this.connection = connection;
    this.cluster = cluster;
    // The key prefix is [A-Za-z0-9._-]: nothing in it is special to MATCH.
    this.match = "{" + prefix + ":p*}:lead:*";
    this.keyStart = Cluster.bytes("{" + prefix + ":p");
  }

  LeadPage scan(String cursor, int limit) {
    Position at = cursor.isEmpty() ? first() : Position.parse(cursor);
    for (byte[] key : at.pending) {
      // A cursor names only lead keys of this namespace: it cannot be made to read others.
      if (!Arrays.equals(
          key, 0, Math.min(key.length, keyStart.length), keyStart, 0, keyStart.length)) {
        throw Position.invalid(cursor);
      }
    }
    List<byte[]> keys = new ArrayList<>(at.pending);
    at = at.withoutPending();
    for (int scans = 0; at != null && keys.size() < limit && scans < MAX_SCANS_PER_PAGE; scans++) {
      RedisClusterNode node = connection.getPartitions().getMasterBySlot(at.slot);
      if (node == null) {
        throw StoreFailures.failed("lead store unavailable: no primary serves slot " + at.slot);
      }
      KeyScanCursor<byte[]> batch =
          connection
              .getConnection(node.getNodeId())
              .sync()
              .scan(
                  ScanCursor.of(at.redisCursor),
                  ScanArgs.Builder.matches(match).limit(Math.max(limit - keys.size(), 10)));
      keys.addAll(batch.getKeys());
      // Onwards from the higher of the two, so the scan always moves forward even when the
      // cluster's slots moved since the cursor was made.
      at =
          batch.isFinished() ? next(Math.max(at.slot, lowestSlot(node))) : at.at(batch.getCursor());
    }
    List<byte[]> page = keys.size() > limit ? keys.subList(0, limit) : keys;
    List<byte[]> rest = keys.size() > limit ? keys.subList(limit, keys.size()) : List.of();
    String next = at == null && rest.isEmpty() ? "" : (at == null ? end() : at).encode(rest);
    return new LeadPage(read(page), next);
  }

  /** Reads the records of {@code keys}, pipelined; a key deleted meanwhile is skipped. */
  private List<LeadState> read(List<byte[]> keys) {
    List<CompletableFuture<byte @Nullable []>> records = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      records.add(cluster.commands().hget(key, RECORD).toCompletableFuture());
    }
    List<LeadState> states = new ArrayList<>(keys.size());
    for (CompletableFuture<byte @Nullable []> record : records) {
      byte[] bytes = record.join();
      if (bytes != null) {
        try {
          states.add(LeadRecord.parseFrom(bytes).getState());
        } catch (InvalidProtocolBufferException e) {
          throw StoreFailures.failed("read a lead record", e);
        }
      }
    }
    return states;
  }

  private Position first() {
    Position first = next(-1);
    return first == null ? end() : first;
  }

  /** The primary with the lowest slot above {@code slot}; null after the last. */
  private @Nullable Position next(int slot) {
    int best = Integer.MAX_VALUE;
    for (RedisClusterNode node : connection.getPartitions()) {
      if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getSlots().isEmpty()) {
        int lowest = lowestSlot(node);
        if (lowest > slot && lowest < best) {
          best = lowest;
        }
      }
    }
    return best == Integer.MAX_VALUE ? null : new Position(best, "0", List.of());
  }

  private static int lowestSlot(RedisClusterNode node) {
    int lowest = Integer.MAX_VALUE;
    for (int slot : node.getSlots()) {
      lowest = Math.min(lowest, slot);
    }
    return lowest;
  }

  /** A position past every primary, still carrying keys found but not yet returned. */
  private static Position end() {
    return new Position(Position.END, "0", List.of());
  }

  /**
   * Where a scan stands: the primary owning {@code slot} ({@link #END} after the last), its SCAN
   * cursor, and keys already found there but not yet returned.
   */
  private record Position(int slot, String redisCursor, List<byte[]> pending) {
    static final int END = 16384;

    Position at(String cursor) {
      return new Position(slot, cursor, List.of());
    }

    @Nullable Position withoutPending() {
      return slot == END ? null : new Position(slot, redisCursor, List.of());
    }

    /** {@code slot:cursor}, then {@code :} and the pending keys, length-prefixed, in base64. */
    String encode(List<byte[]> rest) {
      String position = slot + ":" + redisCursor;
      if (rest.isEmpty()) {
        return position;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (byte[] key : rest) {
        bytes.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(key.length).array());
        bytes.writeBytes(key);
      }
      return position
          + ":"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    static Position parse(String cursor) {
      String[] parts = cursor.split(":", 3);
      try {
        int slot = Integer.parseInt(parts[0]);
        if (parts.length < 2 || slot < 0 || slot > END || !digits(parts[1])) {
          throw invalid(cursor);
        }
        List<byte[]> pending = new ArrayList<>();
        if (parts.length == 3) {
          ByteBuffer keys = ByteBuffer.wrap(Base64.getUrlDecoder().decode(parts[2]));
          while (keys.hasRemaining()) {
            byte[] key = new byte[keys.getInt()];
            keys.get(key);
            pending.add(key);
          }
        }
        return new Position(slot, parts[1], pending);
      } catch (RuntimeException e) {
        throw invalid(cursor);
      }
    }

    private static boolean digits(String text) {
      if (text.isEmpty() || text.length() > 20) {
        return false;
      }
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) < '0' || text.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    static IllegalArgumentException invalid(String cursor) {
      String shown = cursor.length() > 40 ? cursor.substring(0, 40) + "…" : cursor;
      return new IllegalArgumentException(
          "cursor \"" + shown + "\": not one of this store's (expected: empty, or a page's next)");
    }
  }
}
