package dev.leadscore.store.rocksdb;

import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.store.rocksdb.proto.LeadRecord;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
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
 */
final class GroupCommitter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GroupCommitter.class.getName());
  private static final int MAX_GROUP = 1024;

  /**
   * A lead's not-yet-written record, serialized by the updating thread so the commit thread only
   * writes; {@code record} null means deleted.
   */
  static final class Pending {
    final @Nullable LeadRecord record;
    final byte[] bytes;

    Pending(@Nullable LeadRecord record) {
      this.record = record;
      this.bytes = record == null ? new byte[0] : record.toByteArray();
    }
  }

  private interface Op {}

  /** {@code accounts} is aligned with the update's account changes; null where one was skipped. */
  private record Put(
      String leadId,
      Pending pending,
      LeadState state,
      @Nullable BandTransition transition,
      @Nullable AccountWrite[] accounts,
      CompletableFuture<UpdateOutcome> done)
      implements Op {}

  private record Delete(
      String leadId,
      Pending pending,
      @Nullable AccountWrite[] accounts,
      CompletableFuture<Long> done)
      implements Op {}

  /** Completes a future in queue order, writing nothing (a duplicate or a failed mutation). */
  private record Ack<T>(CompletableFuture<T> done, @Nullable T value, @Nullable Throwable error)
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
  private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile long lastSequence;
  private volatile @Nullable ScoringException failure;
  // Guarded by this: once set, nothing more is queued, so everything queued before Stop is done.
  private boolean stopped;

  GroupCommitter(
      LeadTables tables,
      ConcurrentHashMap<String, Pending> pending,
      AccountCache accounts,
      CopyOnWriteArrayList<Runnable> listeners) {
    this.tables = tables;
    this.pending = pending;
    this.accounts = accounts;
    this.listeners = listeners;
    this.lastSequence = tables.readSequence();
    this.thread = new Thread(this::run, "leadscore-store-commit");
    thread.setDaemon(true);
    thread.start();
  }

  long lastSequence() {
    return lastSequence;
  }

  CompletableFuture<UpdateOutcome> put(
      String leadId,
      Pending record,
      LeadState state,
      @Nullable BandTransition transition,
      @Nullable AccountWrite[] accounts) {
    CompletableFuture<UpdateOutcome> done = new CompletableFuture<>();
    submit(new Put(leadId, record, state, transition, accounts, done), done);
    return done;
  }

  /**
   * A future completed with {@code value}, or failed with {@code error}, after every operation
   * queued before it.
   */
  <T> CompletableFuture<T> after(@Nullable T value, @Nullable Throwable error) {
    CompletableFuture<T> done = new CompletableFuture<>();
    submit(new Ack<>(done, value, error), done);
    return done;
  }

  CompletableFuture<Long> delete(
      String leadId, Pending tombstone, @Nullable AccountWrite[] accounts) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    submit(new Delete(leadId, tombstone, accounts, done), done);
    return done;
  }

  private void submit(Op op, CompletableFuture<?> done) {
    ScoringException failed = failure;
    if (failed != null) {
      written(op);
      done.completeExceptionally(failed);
      return;
    }
    synchronized (this) {
      if (!stopped) {
        queue.add(op);
        return;
      }
    }
    written(op);
    done.completeExceptionally(
        new ScoringException(ScoringErrorCode.STORE_FAILED, "lead store closed"));
  }

  /** The op's account writes are no longer queued: their accounts may be evicted again. */
  private static void written(Op op) {
    AccountWrite[] writes =
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
        group.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(group, MAX_GROUP - 1);
      boolean stop = commit(group);
      group.clear();
      if (stop) {
        return;
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
    if (failure == null) {
      try {
        lastSequence = write(segment, sequences, accountSequences);
      } catch (RocksDBException | RuntimeException e) {
        fail(e);
      }
    }
    for (int i = 0; i < segment.size(); i++) {
      Op op = segment.get(i);
      written(op);
      if (op instanceof Put put) {
        if (failure != null) {
          put.done().completeExceptionally(failure);
        } else {
          put.done()
              .complete(
                  new UpdateOutcome(false, put.state(), sequences[i], boxed(accountSequences[i])));
        }
        // Only after completing: an update that finds no pending entry knows this one answered.
        pending.remove(put.leadId(), put.pending());
      } else if (op instanceof Ack<?> ack) {
        ack.complete();
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

  /** Writes the puts of a segment in one batch; returns the new last sequence. */
  private long write(List<Op> segment, long[] sequences, long[][] accountSequences)
      throws RocksDBException {
    long sequence = lastSequence;
    boolean any = false;
    try (WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < segment.size(); i++) {
        if (segment.get(i) instanceof Put put) {
          any = true;
          tables.putLead(batch, put.leadId(), put.pending().bytes);
          if (put.transition() != null) {
            sequences[i] = ++sequence;
            tables.putTransition(
                batch, put.leadId(), put.transition().toBuilder().setSequence(sequence).build());
          }
          if (put.accounts() != null) {
            accountSequences[i] = new long[put.accounts().length];
            sequence = putAccounts(batch, put.accounts(), sequence, accountSequences[i]);
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
      if (write.transition() != null) {
        sequences[k] = ++sequence;
        BandTransition transition = write.transition().toBuilder().setSequence(sequence).build();
        tables.putTransition(batch, transition.getLeadId(), transition);
      }
    }
    return sequence;
  }

  private void writeDelete(Delete delete) {
    if (failure != null) {
      written(delete);
      delete.done().completeExceptionally(failure);
      return;
    }
    long before = lastSequence;
    try (WriteBatch batch = new WriteBatch()) {
      boolean exists = tables.read(delete.leadId()) != null;
      long erased = exists ? tables.deleteLead(batch, delete.leadId()) : -1;
      long sequence = lastSequence;
      if (delete.accounts() != null) {
        sequence =
            putAccounts(batch, delete.accounts(), sequence, new long[delete.accounts().length]);
        if (sequence != lastSequence) {
          tables.putSequence(batch, sequence);
        }
      }
      if (exists || delete.accounts() != null) {
        tables.write(batch);
      }
      lastSequence = sequence;
      written(delete);
      delete.done().complete(erased);
      pending.remove(delete.leadId(), delete.pending());
    } catch (RocksDBException | RuntimeException e) {
      fail(e);
      written(delete);
      delete.done().completeExceptionally(failure);
    }
    if (lastSequence != before) {
      notifyListeners();
    }
  }

  /** After a failed write the store refuses further writes: what is pending may build on it. */
  private void fail(Exception e) {
    if (failure == null) {
      failure = e instanceof ScoringException scoring ? scoring : LeadTables.failed("write", e);
    }
    pending.clear();
    accounts.clear();
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
