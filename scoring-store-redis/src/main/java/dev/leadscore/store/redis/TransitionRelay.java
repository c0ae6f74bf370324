package dev.leadscore.store.redis;

import static dev.leadscore.store.redis.Cluster.bytes;
import static dev.leadscore.store.redis.Cluster.text;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XTrimArgs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Moves transitions from the partitions' outboxes into the shared log (an outbox relay).
 *
 * <p>Design notes. Redis Cluster runs a script on one hash slot, so a lead's state (on its
 * partition's slot) and the shared log (on the feed slot) cannot change in one script. The update
 * script therefore appends the transition to the partition's outbox in the same atomic write as the
 * state, and this relay copies outbox entries into the log, each exactly once and in outbox order,
 * with the next sequence number. The relay script keeps per partition the last outbox id it relayed
 * (the mark): entries at or below it only report their sequence, so any process may relay any
 * partition at any time, and several may race, without a loss or a double. The writer of an entry
 * relays it at once (one script, given the entry and the id before it; if older entries are still
 * waiting, it reads them from the outbox and relays them first), and completes its update only
 * then; a periodic sweep relays what a process that died in between left behind.
 *
 * <p>A deletion fences its lead: relays of that lead's outbox entries read before the deletion are
 * dropped, so an erased transition never reappears.
 */
final class TransitionRelay {
  private static final int BATCH = 64;
  private static final int KEPT_IDS = 4096;

  private final Cluster cluster;
  private final RedisKeys keys;
  private final RedisLeadStoreConfig config;
  private final LogHead head;
  private final Executor executor;
  private final AtomicReferenceArray<String> marks;
  private final int maxRounds;

  private record Entry(String id, byte[] leadId, byte[] transition, byte[] origin) {}

  /** The relay script's answer: a gap (older entries wait, from {@code gap}) or the sequences. */
  private record Sent(@Nullable String gap, long[] sequences) {}

  TransitionRelay(
      Cluster cluster,
      RedisKeys keys,
      RedisLeadStoreConfig config,
      LogHead head,
      Executor executor) {
    this.cluster = cluster;
    this.keys = keys;
    this.config = config;
    this.head = head;
    this.executor = executor;
    this.marks = new AtomicReferenceArray<>(keys.partitions());
    this.maxRounds = config.maxPendingTransitions() / BATCH + 16;
  }

  /** An outbox id below which every entry of {@code partition} is relayed; "" if none is known. */
  String trimMark(int partition) {
    String mark = marks.get(partition);
    return mark == null ? "" : mark;
  }

  /**
   * Relays the outbox entry {@code id} of {@code partition}, written just after {@code previous};
   * completes with its sequence, 0 if its lead was erased meanwhile.
   */
  CompletableFuture<Long> relay(
      int partition, String id, String previous, String leadId, byte[] transition, byte[] origin) {
    Entry entry = new Entry(id, bytes(leadId), transition, origin);
    return send(partition, previous, List.of(entry))
        .thenCompose(
            sent ->
                sent.gap() == null
                    ? CompletableFuture.completedFuture(sent.sequences()[0])
                    : catchUp(partition, sent.gap(), id, 0))
        .thenCompose(sequence -> cluster.replicated(keys.log()).thenApply(ignored -> sequence));
  }

  /**
   * Relays whatever waits in the outboxes (left by a process that died between its writes), and
   * trims what is relayed. Blocks; run by the store's sweeper thread.
   */
  void sweep() {
    Map<String, String> relayed = new HashMap<>();
    cluster
        .commands()
        .hgetall(keys.marks())
        .toCompletableFuture()
        .join()
        .forEach((partition, mark) -> relayed.put(text(partition), text(mark)));
    List<CompletableFuture<List<StreamMessage<byte[], byte[]>>>> lasts = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      lasts.add(
          cluster
              .commands()
              .xrevrange(keys.outbox(p), Range.unbounded(), Limit.from(1))
              .toCompletableFuture());
    }
    for (int p = 0; p < keys.partitions(); p++) {
      List<StreamMessage<byte[], byte[]>> last = lasts.get(p).join();
      String mark = relayed.getOrDefault(Integer.toString(p), "0-0");
      if (!last.isEmpty() && StreamIds.compare(last.get(0).getId(), mark) > 0) {
        catchUp(p, mark, null, 0).join();
        String trimmed = marks.get(p);
        if (trimmed != null) {
          cluster
              .commands()
              .xtrim(keys.outbox(p), XTrimArgs.Builder.minId(trimmed))
              .toCompletableFuture()
              .join();
        }
      }
    }
  }

  /**
   * Relays the entries of {@code partition} after {@code from}, up to {@code target} (null: all);
   * completes with the target's sequence (0 if it is gone, or no target).
   */
  private CompletableFuture<Long> catchUp(
      int partition, String from, @Nullable String target, int round) {
    if (round > maxRounds) {
      return CompletableFuture.failedFuture(
          StoreFailures.failed("lead store: band transitions are not reaching the log; retry"));
    }
    return cluster
        .commands()
        .xrange(
            keys.outbox(partition),
            Range.from(Range.Boundary.excluding(from), Range.Boundary.unbounded()),
            Limit.from(BATCH))
        .toCompletableFuture()
        .thenCompose(
            messages -> {
              if (messages.isEmpty()) {
                return CompletableFuture.completedFuture(0L);
              }
              List<Entry> entries = new ArrayList<>(messages.size());
              for (StreamMessage<byte[], byte[]> message : messages) {
                entries.add(entry(message));
              }
              String last = entries.get(entries.size() - 1).id();
              return send(partition, from, entries)
                  .thenCompose(
                      sent -> {
                        if (sent.gap() != null) {
                          return catchUp(partition, sent.gap(), target, round + 1);
                        }
                        if (target == null) {
                          return entries.size() < BATCH
                              ? CompletableFuture.completedFuture(0L)
                              : catchUp(partition, last, null, round + 1);
                        }
                        for (int i = 0; i < entries.size(); i++) {
                          if (entries.get(i).id().equals(target)) {
                            return CompletableFuture.completedFuture(sent.sequences()[i]);
                          }
                        }
                        return StreamIds.compare(target, last) > 0
                            ? catchUp(partition, last, target, round + 1)
                            : CompletableFuture.completedFuture(0L);
                      });
            });
  }

  private static Entry entry(StreamMessage<byte[], byte[]> message) {
    byte[] lead = new byte[0];
    byte[] transition = new byte[0];
    byte[] origin = new byte[0];
    for (Map.Entry<byte[], byte[]> field : message.getBody().entrySet()) {
      byte[] name = field.getKey();
      if (name.length == 1) {
        switch (name[0]) {
          case 'l' -> lead = field.getValue();
          case 't' -> transition = field.getValue();
          case 'o' -> origin = field.getValue();
          default -> {}
        }
      }
    }
    return new Entry(message.getId(), lead, transition, origin);
  }

  private CompletableFuture<Sent> send(int partition, String previous, List<Entry> entries) {
    byte[][] scriptKeys = new byte[4 + 2 * entries.size()][];
    scriptKeys[0] = keys.sequence();
    scriptKeys[1] = keys.log();
    scriptKeys[2] = keys.marks();
    scriptKeys[3] = keys.relayedIds(partition);
    byte[][] args = new byte[6 + 4 * entries.size()][];
    args[0] = bytes(Integer.toString(partition));
    args[1] = bytes(previous);
    args[2] = bytes(Long.toString(head.sequence()));
    args[3] = bytes(Integer.toString(config.maxLogEntries()));
    args[4] = bytes(Integer.toString(KEPT_IDS));
    args[5] = bytes(keys.leadSequencesPrefix());
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      String leadId = text(entry.leadId());
      scriptKeys[4 + 2 * i] = keys.leadSequences(leadId);
      scriptKeys[5 + 2 * i] = keys.fence(leadId);
      args[6 + 4 * i] = bytes(entry.id());
      args[7 + 4 * i] = entry.leadId();
      args[8 + 4 * i] = entry.transition();
      args[9 + 4 * i] = entry.origin();
    }
    return Scripts.RELAY
        .run(cluster.commands(), scriptKeys, args)
        .thenApplyAsync(
            result -> {
              if ("gap".equals(text(result.get(0)))) {
                return new Sent(text(result.get(1)), new long[0]);
              }
              long[] sequences = new long[entries.size()];
              for (int i = 0; i < sequences.length; i++) {
                sequences[i] = (Long) result.get(i + 1);
              }
              advanceMark(partition, entries.get(entries.size() - 1).id());
              head.advance(Arrays.stream(sequences).max().orElse(0));
              return new Sent(null, sequences);
            },
            executor);
  }

  private void advanceMark(int partition, String id) {
    marks.accumulateAndGet(
        partition, id, (old, next) -> old == null || StreamIds.compare(next, old) > 0 ? next : old);
  }
}
