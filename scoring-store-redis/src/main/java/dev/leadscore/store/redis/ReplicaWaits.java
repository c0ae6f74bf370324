package dev.leadscore.store.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Redis {@code WAIT} on one node's connection, shared by every write that needs it: while one
 * {@code WAIT} is out, requests gather and the next one answers them all. {@code WAIT} blocks its
 * connection until it returns, and this connection carries all of the process's writes to the node,
 * so one per round trip, not one per write, keeps writes flowing.
 *
 * <p>Why one later {@code WAIT} covers a write: a request is made after its write's reply arrived.
 * A {@code WAIT} still out at that moment was sent after the write (on one connection, replies come
 * in order, so one sent before would have been answered before the write), and the next one is sent
 * later still; {@code WAIT} waits for every write its connection sent before it.
 */
final class ReplicaWaits {
  private final StatefulRedisConnection<byte[], byte[]> connection;
  private final int replicas;
  private final long millis;
  // Guarded by this.
  private List<CompletableFuture<Long>> pending = new ArrayList<>();
  private boolean waiting;

  ReplicaWaits(StatefulRedisConnection<byte[], byte[]> connection, int replicas, long millis) {
    this.connection = connection;
    this.replicas = replicas;
    this.millis = millis;
  }

  StatefulRedisConnection<byte[], byte[]> connection() {
    return connection;
  }

  /** Completes with how many replicas confirmed the writes sent before this call. */
  CompletableFuture<Long> request() {
    CompletableFuture<Long> done = new CompletableFuture<>();
    synchronized (this) {
      pending.add(done);
      if (waiting) {
        return done;
      }
      waiting = true;
    }
    send();
    return done;
  }

  private void send() {
    List<CompletableFuture<Long>> batch;
    synchronized (this) {
      batch = pending;
      pending = new ArrayList<>();
    }
    connection
        .async()
        .waitForReplication(replicas, millis)
        .whenComplete(
            (acknowledged, error) -> {
              for (CompletableFuture<Long> done : batch) {
                if (error != null) {
                  done.completeExceptionally(error);
                } else {
                  done.complete(acknowledged);
                }
              }
              synchronized (this) {
                if (pending.isEmpty()) {
                  waiting = false;
                  return;
                }
              }
              send();
            });
  }
}
