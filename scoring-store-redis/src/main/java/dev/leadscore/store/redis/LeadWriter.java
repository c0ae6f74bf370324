package dev.leadscore.store.redis;

import static dev.leadscore.store.redis.Cluster.bytes;
import static dev.leadscore.store.redis.Cluster.text;

import com.google.common.util.concurrent.Striped;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.state.LeadMutation;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.store.redis.Plan.Base;
import dev.leadscore.store.redis.Plan.Duplicate;
import dev.leadscore.store.redis.Plan.Erase;
import dev.leadscore.store.redis.Plan.Failed;
import dev.leadscore.store.redis.Plan.Write;
import dev.leadscore.store.redis.proto.LeadRecord;
import io.lettuce.core.KeyValue;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;

/**
 * This process's writes of leads: a queue per lead with pending work, each step written with a
 * compare-and-set script.
 *
 * <p>Design notes. Every stored lead carries a version token, unique per write ({@code origin:n}).
 * An update plans on the newest state this process knows of the lead: the state its queued steps
 * will leave, else a fresh read. It runs the mutation there, on the caller's thread, and queues the
 * result. The queue writes one step at a time: the script writes only if the stored token is still
 * the one the step planned on. If another process wrote in between, the script answers with the
 * current record instead, and the step is planned again on it (de-duplication included) and
 * retried, up to {@link RedisLeadStoreConfig#maxConflictRetries()} times; so two processes never
 * lose or double an event of one lead. A step whose base turns out stale for any reason (a
 * conflict, or an earlier step that failed with an unknown outcome, after which the lead is read
 * again) is planned again the same way before it is written. Planning again runs the mutation
 * again, on a store thread: the rare price of not holding a lock in Redis across a network round
 * trip and a model evaluation.
 *
 * <p>Steps of one lead complete in the order they were made. A step with a transition completes
 * only once the transition has its sequence in the log ({@link TransitionRelay}), and with {@code
 * waitReplicas} once replicas have the writes.
 */
final class LeadWriter {
  private static final int LOCK_STRIPES = 4096;
  private static final byte[] VERSION = bytes("v");
  private static final byte[] RECORD = bytes("r");
  private static final long FENCE_MILLIS = 10 * 60 * 1000;

  private final Cluster cluster;
  private final RedisKeys keys;
  private final RedisLeadStoreConfig config;
  private final int maxEventIds;
  private final TransitionRelay relay;
  private final Executor executor;
  private final String origin;
  private final byte[] originBytes;
  private final AtomicLong versions = new AtomicLong();
  private final ConcurrentHashMap<String, Chain> chains = new ConcurrentHashMap<>();
  private final Striped<Lock> locks = Striped.lock(LOCK_STRIPES);

  /** One queued update or deletion; {@code base} and {@code plan} change when it is re-planned. */
  private static final class Step {
    final String eventId;
    final @Nullable LeadMutation mutation;
    final CompletableFuture<Object> done = new CompletableFuture<>();
    Base base = Base.ABSENT;
    Plan plan = new Erase();
    int conflicts;

    Step(String eventId, @Nullable LeadMutation mutation) {
      this.eventId = eventId;
      this.mutation = mutation;
    }
  }

  /** A lead with queued steps. {@code steps}, {@code tail}, {@code running}: under its lock. */
  private static final class Chain {
    final String leadId;
    final int partition;
    final byte[] key;
    final ArrayDeque<Step> steps = new ArrayDeque<>();
    Base tail;
    boolean running;
    // What Redis holds, as far as the step being written knows; null: unknown, read it again.
    volatile @Nullable Base confirmed;

    Chain(String leadId, int partition, byte[] key, @Nullable Base confirmed) {
      this.leadId = leadId;
      this.partition = partition;
      this.key = key;
      this.confirmed = confirmed;
      this.tail = confirmed == null ? Base.ABSENT : confirmed;
    }
  }

  LeadWriter(
      Cluster cluster,
      RedisKeys keys,
      RedisLeadStoreConfig config,
      int maxEventIds,
      TransitionRelay relay,
      Executor executor,
      String origin) {
    this.cluster = cluster;
    this.keys = keys;
    this.config = config;
    this.maxEventIds = maxEventIds;
    this.relay = relay;
    this.executor = executor;
    this.origin = origin;
    this.originBytes = bytes(origin);
  }

  @SuppressWarnings("unchecked")
  CompletableFuture<UpdateOutcome> update(String leadId, String eventId, LeadMutation mutation) {
    Lock lock = locks.get(leadId);
    lock.lock();
    try {
      Chain chain = chains.get(leadId);
      Base base = chain != null ? chain.tail : read(leadId).join();
      Step step = new Step(eventId, mutation);
      step.base = base;
      step.plan = plan(leadId, step, base);
      if (chain == null) {
        if (!(step.plan instanceof Write)) {
          // Nothing of this lead is queued: answer at once.
          finish(step);
          return (CompletableFuture<UpdateOutcome>) (CompletableFuture<?>) step.done;
        }
        int partition = keys.partitionOf(leadId);
        chain = new Chain(leadId, partition, keys.lead(partition, leadId), base);
        chains.put(leadId, chain);
      }
      enqueue(chain, step);
      return (CompletableFuture<UpdateOutcome>) (CompletableFuture<?>) step.done;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(StoreFailures.failed("read lead " + leadId, e));
    } finally {
      lock.unlock();
    }
  }

  /** Queues the erasure after the lead's queued steps and waits for it. */
  long delete(String leadId) {
    Step step = new Step("", null);
    Lock lock = locks.get(leadId);
    lock.lock();
    try {
      Chain chain = chains.get(leadId);
      if (chain == null) {
        int partition = keys.partitionOf(leadId);
        chain = new Chain(leadId, partition, keys.lead(partition, leadId), null);
        chains.put(leadId, chain);
      }
      enqueue(chain, step);
    } finally {
      lock.unlock();
    }
    try {
      return (Long) step.done.join();
    } catch (RuntimeException e) {
      throw StoreFailures.failed("delete lead " + leadId, e);
    }
  }

  /** The lead as stored, with its version token. */
  CompletableFuture<Base> read(String leadId) {
    byte[] key = keys.lead(keys.partitionOf(leadId), leadId);
    return cluster
        .commands()
        .hmget(key, VERSION, RECORD)
        .toCompletableFuture()
        .thenApply(values -> base(values.get(0), values.get(1)));
  }

  /** Whether any lead has queued steps. */
  boolean idle() {
    return chains.isEmpty();
  }

  private static Base base(KeyValue<byte[], byte[]> version, KeyValue<byte[], byte[]> record) {
    if (!version.hasValue() || !record.hasValue()) {
      return Base.ABSENT;
    }
    return new Base(parse(record.getValue()), text(version.getValue()));
  }

  /**
   * The record, or {@code LEAD_UNREADABLE} if it cannot be parsed (a record written before values
   * were bounded): reads and updates of that lead fail, {@link #delete} never parses and erases it.
   */
  private static LeadRecord parse(byte[] bytes) {
    try {
      return LeadRecord.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      StoreFailures.failed("read a lead record (" + bytes.length + " bytes)", e);
      throw new ScoringException(
          ScoringErrorCode.LEAD_UNREADABLE,
          "a lead's stored record cannot be read (expected: a readable record; DeleteLead erases"
              + " it)");
    }
  }

  private Plan plan(String leadId, Step step, Base base) {
    LeadMutation mutation = step.mutation;
    if (mutation == null) {
      return new Erase();
    }
    if (base.applied(step.eventId)) {
      return new Duplicate(new UpdateOutcome(true, base.state(), 0));
    }
    try {
      LeadUpdate update = mutation.apply(base.state());
      LeadRecord record = Plan.nextRecord(base.record(), update.next(), step.eventId, maxEventIds);
      byte[] bytes = record.toByteArray();
      if (bytes.length > config.maxRecordBytes()) {
        return new Failed(
            tooLarge("lead " + leadId + ": stored record", bytes.length, config.maxRecordBytes()));
      }
      BandTransition transition = update.transition().orElse(null);
      byte[] transitionBytes = transition == null ? null : transition.toByteArray();
      if (transitionBytes != null && transitionBytes.length > config.maxTransitionBytes()) {
        return new Failed(
            tooLarge(
                "lead " + leadId + ": transition",
                transitionBytes.length,
                config.maxTransitionBytes()));
      }
      String version = origin + ":" + versions.incrementAndGet();
      return new Write(record, bytes, version, update.next(), transition, transitionBytes);
    } catch (RuntimeException e) {
      return new Failed(e);
    }
  }

  private static ScoringException tooLarge(String what, int size, int max) {
    return StoreFailures.failed(what + " of " + size + " bytes (expected: <= " + max + ")");
  }

  /** Under the lead's lock. */
  private void enqueue(Chain chain, Step step) {
    chain.steps.add(step);
    if (step.plan instanceof Write write) {
      chain.tail = new Base(write.record(), write.version());
    } else if (step.plan instanceof Erase) {
      chain.tail = Base.ABSENT;
    }
    if (!chain.running) {
      chain.running = true;
      executor.execute(() -> next(chain));
    }
  }

  private void next(Chain chain) {
    Step step;
    Lock lock = locks.get(chain.leadId);
    lock.lock();
    try {
      step = chain.steps.peek();
      if (step == null) {
        chain.running = false;
        chains.remove(chain.leadId, chain);
        return;
      }
    } finally {
      lock.unlock();
    }
    if (chain.confirmed == null && !(step.plan instanceof Erase)) {
      read(chain.leadId)
          .whenCompleteAsync(
              (base, error) -> {
                if (error != null) {
                  fail(chain, step, StoreFailures.failed("read lead " + chain.leadId, error));
                } else {
                  chain.confirmed = base;
                  run(chain, step);
                }
              },
              executor);
    } else {
      run(chain, step);
    }
  }

  private void run(Chain chain, Step step) {
    Base confirmed = chain.confirmed;
    if (confirmed != null
        && !(step.plan instanceof Erase)
        && !step.base.version().equals(confirmed.version())) {
      step.base = confirmed;
      step.plan = plan(chain.leadId, step, confirmed);
    }
    Plan plan = step.plan;
    if (plan instanceof Duplicate duplicate) {
      step.done.complete(duplicate.outcome());
      done(chain);
    } else if (plan instanceof Failed failed) {
      fail(chain, step, failed.error());
    } else if (plan instanceof Write write) {
      write(chain, step, write);
    } else {
      erase(chain, step);
    }
  }

  private void write(Chain chain, Step step, Write write) {
    int partition = chain.partition;
    byte[][] scriptKeys = {chain.key, keys.outbox(partition)};
    byte[][] args = new byte[write.transition() == null ? 5 : 8][];
    args[0] = bytes(step.base.version());
    args[1] = bytes(write.version());
    args[2] = write.bytes();
    args[3] = bytes(relay.trimMark(partition));
    args[4] = bytes(Integer.toString(config.maxPendingTransitions()));
    if (write.transitionBytes() != null) {
      args[5] = bytes(chain.leadId);
      args[6] = write.transitionBytes();
      args[7] = originBytes;
    }
    Scripts.UPDATE
        .run(cluster.commands(), scriptKeys, args)
        .whenCompleteAsync(
            (result, error) -> {
              if (error != null) {
                chain.confirmed = null;
                fail(chain, step, StoreFailures.failed("update lead " + chain.leadId, error));
                return;
              }
              long code = (Long) result.get(0);
              if (code == 0) {
                conflict(chain, step, result);
              } else if (code < 0) {
                fail(
                    chain,
                    step,
                    StoreFailures.failed(
                        "lead store: band transitions are not reaching the log; retry later"));
              } else {
                chain.confirmed = new Base(write.record(), write.version());
                written(chain, step, write, result);
              }
            },
            executor);
  }

  /** After the compare-and-set: replicas, the transition's sequence, then the answer. */
  private void written(Chain chain, Step step, Write write, List<Object> result) {
    byte[] transition = write.transitionBytes();
    cluster
        .replicated(chain.key)
        .thenCompose(
            ignored ->
                transition == null
                    ? CompletableFuture.completedFuture(0L)
                    : relay.relay(
                        chain.partition,
                        text(result.get(1)),
                        text(result.get(2)),
                        chain.leadId,
                        transition,
                        originBytes))
        .whenCompleteAsync(
            (sequence, error) -> {
              if (error != null) {
                fail(chain, step, StoreFailures.failed("update lead " + chain.leadId, error));
              } else {
                step.done.complete(new UpdateOutcome(false, write.state(), sequence));
                done(chain);
              }
            },
            executor);
  }

  private void conflict(Chain chain, Step step, List<Object> result) {
    String version = text(result.get(1));
    try {
      chain.confirmed =
          version.isEmpty() ? Base.ABSENT : new Base(parse((byte[]) result.get(2)), version);
    } catch (ScoringException e) {
      chain.confirmed = null;
      fail(chain, step, e);
      return;
    }
    if (++step.conflicts > config.maxConflictRetries()) {
      fail(
          chain,
          step,
          StoreFailures.failed(
              "lead "
                  + chain.leadId
                  + ": changed by other writers "
                  + step.conflicts
                  + " times during one update; retry"));
      return;
    }
    run(chain, step);
  }

  private void erase(Chain chain, Step step) {
    String leadId = chain.leadId;
    int partition = chain.partition;
    byte[][] leadKeys = {chain.key, keys.outbox(partition)};
    int scan = config.maxPendingTransitions() + 1024;
    Scripts.DELETE
        .run(cluster.commands(), leadKeys, bytes(leadId), bytes(Integer.toString(scan)))
        .thenCompose(
            deleted -> {
              boolean existed = (Long) deleted.get(0) == 1;
              byte[][] args = new byte[deleted.size() + 1][];
              args[0] = bytes(Integer.toString(partition));
              args[1] = (byte[]) deleted.get(1);
              args[2] = bytes(Long.toString(FENCE_MILLIS));
              for (int i = 2; i < deleted.size(); i++) {
                args[i + 1] = (byte[]) deleted.get(i);
              }
              byte[][] feedKeys = {
                keys.leadSequences(leadId),
                keys.fence(leadId),
                keys.marks(),
                keys.log(),
                keys.relayedIds(partition)
              };
              return cluster
                  .replicated(chain.key)
                  .thenCompose(ignored -> Scripts.ERASE.run(cluster.commands(), feedKeys, args))
                  .thenCompose(
                      erased ->
                          cluster
                              .replicated(keys.log())
                              .thenApply(ignored -> existed ? (Long) erased.get(0) : -1L));
            })
        .whenCompleteAsync(
            (erased, error) -> {
              if (error != null) {
                chain.confirmed = null;
                fail(chain, step, StoreFailures.failed("delete lead " + leadId, error));
              } else {
                chain.confirmed = Base.ABSENT;
                step.done.complete(erased);
                done(chain);
              }
            },
            executor);
  }

  private static void finish(Step step) {
    if (step.plan instanceof Duplicate duplicate) {
      step.done.complete(duplicate.outcome());
    } else if (step.plan instanceof Failed failed) {
      step.done.completeExceptionally(failed.error());
    }
  }

  private void fail(Chain chain, Step step, RuntimeException error) {
    step.done.completeExceptionally(error);
    done(chain);
  }

  /** The head step is answered: the next one runs on a store thread (no deep recursion). */
  private void done(Chain chain) {
    Lock lock = locks.get(chain.leadId);
    lock.lock();
    try {
      chain.steps.poll();
    } finally {
      lock.unlock();
    }
    executor.execute(() -> next(chain));
  }
}
