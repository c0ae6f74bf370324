package dev.leadscore.store.rocksdb;

import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.internal.ServerThreads;
import dev.leadscore.core.state.StoreHealth;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Group commit: one thread takes every queued write, merges them into one {@link WriteBatch} (one
 * write-ahead-log append, one fsync in sync mode) and then completes their futures, in queue order.
 * Sequence numbers are assigned here, so the log's order is commit order and an entry is never
 * visible before those below it.
 *
 * <p>Until its group is written, a lead's newest record stays in {@code pending}, where the next
 * update of that lead reads it; the entry is removed (by identity) once written.
 *
 * <p>Failure and recovery. When a write fails (a full disk, an I/O error) the store refuses writes
 * until {@link WriteFailure} has opened the database again: queued updates may build on the lost
 * write. Each pending record carries the {@link #epoch} in which its update began; a failure clears
 * {@code pending} and starts a new epoch, so whatever was built before it fails too and nothing
 * later builds on it.
 */
final class GroupCommitter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GroupCommitter.class.getName());
  private static final int MAX_GROUP = 1024;

  /**
   * A lead's not-yet-written version, its record serialized by the updating thread so the commit
   * thread only writes; {@code lead} null means deleted. {@code epoch} is the committer's when the
   * update that made it began.
   */
  static final class Pending {
    final @Nullable StoredLead lead;
    final byte[] bytes;
    final long epoch;

    Pending(@Nullable StoredLead lead, long epoch) {
      this.lead = lead;
      this.bytes = lead == null ? new byte[0] : lead.record().toByteArray();
      this.epoch = epoch;
    }

    private Pending(Pending same) {
      this.lead = same.lead;
      this.bytes = same.bytes;
      this.epoch = same.epoch;
    }

    /**
     * The same record under a new identity: while an {@link Ack} waits in the queue, the lead's
     * later updates find it pending and queue behind it, so outcomes keep their order.
     */
    Pending marker() {
      return new Pending(this);
    }
  }

  private interface Op {}

  private record Put(
      String leadId,
      Pending pending,
      LeadState state,
      @Nullable BandTransition transition,
      @Nullable AccountWrite @Nullable [] accounts,
      CompletableFuture<UpdateOutcome> done)
      implements Op {}

  private record Delete(
      String leadId,
      Pending pending,
      @Nullable AccountWrite @Nullable [] accounts,
      CompletableFuture<Long> done)
      implements Op {}

  /**
   * Completes a future in queue order, writing nothing (a duplicate or a failed mutation); its
   * {@code marker} stays in {@code pending} for {@code leadId} until it is completed.
   */
  private record Ack<T>(
      String leadId,
      Pending marker,
      CompletableFuture<T> done,
      @Nullable T value,
      @Nullable Throwable error)
      implements Op {
    void complete() {
      if (error != null) {
        done.completeExceptionally(error);
      } else {
        done.complete(value);
      }
    }
  }

  private record Stop() implements Op {}

  private final LeadTables tables;
  private final ConcurrentHashMap<String, Pending> pending;
  private final AccountCache accounts;
  private final CopyOnWriteArrayList<Runnable> listeners;
  private final WriteFailure failures;
  private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile long lastSequence;
  private volatile long epoch;
  // Guarded by this: once set, nothing more is queued, so everything queued before Stop is done.
  private boolean stopped;

  GroupCommitter(
      LeadTables tables,
      ConcurrentHashMap<String, Pending> pending,
      AccountCache accounts,
      CopyOnWriteArrayList<Runnable> listeners,
      CopyOnWriteArrayList<Runnable> healthListeners) {
    this.tables = tables;
    this.pending = pending;
    this.accounts = accounts;
    this.listeners = listeners;
    this.failures = new WriteFailure(tables, healthListeners);
    this.lastSequence = tables.readSequence();
    this.thread = ServerThreads.thread("leadscore-store-commit", this::run);
    thread.start();
  }

  long lastSequence() {
    return lastSequence;
  }

  /**
   * The current epoch; an update reads it before it reads the lead, and a pending record of an
   * earlier epoch is not built on.
   */
  long epoch() {
    return epoch;
  }

  StoreHealth health() {
    return failures.health();
  }

  CompletableFuture<UpdateOutcome> put(
      String leadId,
      Pending record,
      LeadState state,
      @Nullable BandTransition transition,
      @Nullable AccountWrite @Nullable [] accounts) {
    CompletableFuture<UpdateOutcome> done = new CompletableFuture<>();
    submit(new Put(leadId, record, state, transition, accounts, done), done);
    return done;
  }

  /**
   * A future completed with {@code value}, or failed with {@code error}, after every operation
   * queued before it.
   */
  <T> CompletableFuture<T> after(
      String leadId, Pending marker, @Nullable T value, @Nullable Throwable error) {
    CompletableFuture<T> done = new CompletableFuture<>();
    submit(new Ack<>(leadId, marker, done, value, error), done);
    return done;
  }

  CompletableFuture<Long> delete(
      String leadId, Pending tombstone, @Nullable AccountWrite @Nullable [] accounts) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    submit(new Delete(leadId, tombstone, accounts, done), done);
    return done;
  }

  private void submit(Op op, CompletableFuture<?> done) {
    ScoringException failed = failures.current();
    if (failed != null) {
      forget(op);
      done.completeExceptionally(failed);
      return;
    }
    synchronized (this) {
      if (!stopped) {
        queue.add(op);
        return;
      }
    }
    forget(op);
    done.completeExceptionally(
        new ScoringException(ScoringErrorCode.STORE_FAILED, "lead store closed"));
  }

  /** An operation that will never be written must not stay where later updates read. */
  private void forget(Op op) {
    written(op);
    if (op instanceof Put put) {
      pending.remove(put.leadId(), put.pending());
    } else if (op instanceof Delete delete) {
      pending.remove(delete.leadId(), delete.pending());
    } else if (op instanceof Ack<?> ack) {
      pending.remove(ack.leadId(), ack.marker());
    }
  }

  /** The op's account writes are no longer queued: their accounts may be evicted again. */
  private static void written(Op op) {
    AccountWrite @Nullable [] writes =
        op instanceof Put put
            ? put.accounts()
            : op instanceof Delete delete ? delete.accounts() : null;
    if (writes != null) {
      for (AccountWrite write : writes) {
        if (write != null) {
          write.holder().pending.decrementAndGet();
        }
      }
    }
  }

  private void run() {
    List<Op> group = new ArrayList<>(MAX_GROUP);
    while (true) {
      try {
        if (failures.current() == null) {
          group.add(queue.take());
        } else {
          Op op = queue.poll(WriteFailure.RETRY_MILLIS, TimeUnit.MILLISECONDS);
          if (op != null) {
            group.add(op);
          }
        }
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(group, MAX_GROUP - 1);
      boolean stop = commit(group);
      group.clear();
      if (stop) {
        return;
      }
      if (failures.recoveryDue()) {
        long durable = failures.recover(lastSequence);
        if (durable >= 0) {
          lastSequence = durable;
        }
      }
    }
  }

  /**
   * Writes the group as one batch and completes its operations in queue order; a delete is written
   * on its own after what precedes it. Returns true on {@link Stop}.
   */
  private boolean commit(List<Op> group) {
    List<Op> segment = new ArrayList<>(group.size());
    for (Op op : group) {
      if (op instanceof Delete delete) {
        writeSegment(segment);
        segment.clear();
        writeDelete(delete);
      } else if (op instanceof Stop) {
        writeSegment(segment);
        return true;
      } else {
        segment.add(op);
      }
    }
    writeSegment(segment);
    return false;
  }

  private void writeSegment(List<Op> segment) {
    long before = lastSequence;
    long[] sequences = new long[segment.size()];
    long[][] accountSequences = new long[segment.size()][];
    boolean[] stale = new boolean[segment.size()];
    if (failures.current() == null) {
      try {
        lastSequence = write(segment, sequences, accountSequences, stale);
      } catch (RocksDBException | RuntimeException e) {
        fail(e);
      }
    }
    for (int i = 0; i < segment.size(); i++) {
      Op op = segment.get(i);
      written(op);
      if (op instanceof Put put) {
        ScoringException failed =
            failures.current() != null ? failures.current() : stale[i] ? staleFailure() : null;
        if (failed != null) {
          put.done().completeExceptionally(failed);
        } else {
          put.done()
              .complete(
                  new UpdateOutcome(false, put.state(), sequences[i], boxed(accountSequences[i])));
        }
        // Only after completing: an update that finds no pending entry knows this one answered.
        pending.remove(put.leadId(), put.pending());
      } else if (op instanceof Ack<?> ack) {
        ack.complete();
        pending.remove(ack.leadId(), ack.marker());
      }
    }
    if (lastSequence != before) {
      notifyListeners();
    }
  }

  /** A failing listener must not stop the commit thread: every later write would hang. */
  private void notifyListeners() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "lead store: transition listener failed", e);
      }
    }
  }

  /**
   * Writes the puts of a segment in one batch; returns the new last sequence. A put begun before
   * the last failure is left out and marked stale: it may build on a write that was lost.
   *
   * <p>Of several puts of one lead in a segment only the last record is written (with every history
   * write among them, in order): the batch is atomic, so the earlier ones would never be read, and
   * their updates are in the last. A lead whose updates arrive faster than they are written (a
   * large lead sent events as fast as the server takes them) so costs one record per batch instead
   * of one per update, and does not hold the other leads' writes behind its own.
   */
  private long write(List<Op> segment, long[] sequences, long[][] accountSequences, boolean[] stale)
      throws RocksDBException {
    long sequence = lastSequence;
    boolean any = false;
    long current = epoch;
    Map<String, Integer> last = new HashMap<>();
    for (int i = 0; i < segment.size(); i++) {
      if (segment.get(i) instanceof Put put && put.pending().epoch == current) {
        last.put(put.leadId(), i);
      }
    }
    try (WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < segment.size(); i++) {
        if (segment.get(i) instanceof Put put) {
          if (put.pending().epoch != current) {
            stale[i] = true;
            continue;
          }
          any = true;
          if (Integer.valueOf(i).equals(last.get(put.leadId()))) {
            tables.putLead(batch, put.leadId(), put.pending().bytes);
          }
          // Every put's history write, in order: the last record may continue a history an
          // earlier put of the lead in this batch wrote.
          StoredLead lead = put.pending().lead;
          if (lead != null) {
            tables.putHistory(batch, put.leadId(), lead);
          }
          if (put.transition() != null) {
            sequences[i] = ++sequence;
            tables.putTransition(
                batch, put.leadId(), put.transition().toBuilder().setSequence(sequence).build());
          }
          // Every put's account writes, even when a later put of the lead supersedes its record:
          // each is a change of its accounts, made once.
          @Nullable AccountWrite[] writes = put.accounts();
          if (writes != null) {
            accountSequences[i] = new long[writes.length];
            sequence = putAccounts(batch, writes, sequence, accountSequences[i]);
          }
        }
      }
      if (sequence != lastSequence) {
        tables.putSequence(batch, sequence);
      }
      if (any) {
        tables.write(batch);
      }
    }
    return sequence;
  }

  private void writeDelete(Delete delete) {
    ScoringException failed = failures.current();
    if (failed != null || delete.pending().epoch != epoch) {
      written(delete);
      delete.done().completeExceptionally(failed != null ? failed : staleFailure());
      pending.remove(delete.leadId(), delete.pending());
      return;
    }
    long before = lastSequence;
    try (WriteBatch batch = new WriteBatch()) {
      // Never parses the record: a lead whose record cannot be read can still be erased.
      boolean exists = tables.exists(delete.leadId());
      long erased = exists ? tables.deleteLead(batch, delete.leadId()) : -1;
      long sequence = lastSequence;
      @Nullable AccountWrite[] writes = delete.accounts();
      if (writes != null) {
        sequence = putAccounts(batch, writes, sequence, new long[writes.length]);
        if (sequence != lastSequence) {
          tables.putSequence(batch, sequence);
        }
      }
      if (exists || writes != null) {
        tables.write(batch);
      }
      lastSequence = sequence;
      written(delete);
      delete.done().complete(erased);
      pending.remove(delete.leadId(), delete.pending());
    } catch (RocksDBException | RuntimeException e) {
      fail(e);
      written(delete);
      delete.done().completeExceptionally(failures.current());
      pending.remove(delete.leadId(), delete.pending());
    }
    if (lastSequence != before) {
      notifyListeners();
    }
  }

  /**
   * Adds account writes to the batch, appending their transitions from {@code sequence}; returns
   * the last sequence used.
   */
  private long putAccounts(
      WriteBatch batch, @Nullable AccountWrite[] writes, long sequence, long[] sequences)
      throws RocksDBException {
    for (int k = 0; k < writes.length; k++) {
      AccountWrite write = writes[k];
      if (write == null) {
        continue;
      }
      tables.putAccount(batch, write);
      BandTransition transition = write.transition();
      if (transition != null) {
        sequences[k] = ++sequence;
        BandTransition numbered = transition.toBuilder().setSequence(sequence).build();
        tables.putTransition(batch, numbered.getLeadId(), numbered);
      }
    }
    return sequence;
  }

  private static List<Long> boxed(long @Nullable [] sequences) {
    if (sequences == null) {
      return List.of();
    }
    List<Long> boxed = new ArrayList<>(sequences.length);
    for (long sequence : sequences) {
      boxed.add(sequence);
    }
    return boxed;
  }

  /**
   * After a failed write the store refuses further writes until it recovers: what is pending may
   * build on the lost write, so it is dropped and a new epoch begins.
   */
  private void fail(Exception e) {
    if (failures.fail(e)) {
      // Clear, then move the epoch: an update that sees the new epoch sees no stale pending record.
      // The accounts in memory may hold changes of the lost write: they are read again from disk.
      pending.clear();
      accounts.clear();
      epoch++;
      failures.announce();
    }
  }

  private static ScoringException staleFailure() {
    return new ScoringException(
        ScoringErrorCode.STORE_FAILED,
        "lead store unavailable: a write failed while this update was queued; send it again");
  }

  /** Writes everything queued before, then stops the thread. */
  @Override
  public void close() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      queue.add(new Stop());
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
