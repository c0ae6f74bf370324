package dev.leadscore.store.rocksdb;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Striped;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.state.LeadMutation;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.core.state.StoreHealth;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.store.rocksdb.GroupCommitter.Pending;
import dev.leadscore.store.rocksdb.proto.LeadRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;

/**
 * The embedded, durable {@link LeadStore}: RocksDB in one directory.
 *
 * <p>Design notes. An update runs its mutation under a striped lock on the lead id, reading the
 * lead's newest record (a not-yet-written one if its previous update is still queued, else the
 * database's), and queues the new record for the {@link GroupCommitter}. The committer writes
 * everything queued as one {@code WriteBatch} through RocksDB's write-ahead log and only then
 * completes the updates' futures: the state, its transition log entry and the sequence high-water
 * mark land together or not at all, and RocksDB replays the log on open after a crash. Updates of
 * different leads never wait for each other's lock; the database sees one writer.
 *
 * <p>Durability: a write returns once the write-ahead log has been handed to the operating system,
 * so an acknowledged change survives the process being killed (SIGKILL included). With {@link
 * LeadStoreConfig#sync()} the group is also fsynced before its futures complete, which makes it
 * survive an operating-system crash or power loss; one fsync covers the whole group.
 *
 * <p>After a failed write (a full disk) the store refuses writes and reports {@link #health()} not
 * serving; it opens the database again once it can and resumes, without a restart (see {@link
 * GroupCommitter}). What was acknowledged before is in the write-ahead log and kept.
 */
public final class RocksDbLeadStore implements LeadStore {
  private static final int LOCK_STRIPES = 4096;

  private final LeadStoreConfig config;
  private final LeadTables tables;
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Runnable> healthListeners = new CopyOnWriteArrayList<>();
  private final GroupCommitter committer;
  private final Striped<Lock> locks = Striped.lock(LOCK_STRIPES);
  private volatile boolean closed;

  private RocksDbLeadStore(LeadStoreConfig config, LeadTables tables) {
    this.config = config;
    this.tables = tables;
    this.committer = new GroupCommitter(tables, pending, listeners, healthListeners);
  }

  /**
   * Opens the store in {@code directory}, creating it if needed, and recovers what the write-ahead
   * log holds after a crash.
   *
   * @throws ScoringException {@link ScoringErrorCode#STORE_FAILED} if the directory cannot be used,
   *     e.g. another process has it open
   */
  public static RocksDbLeadStore open(Path directory, LeadStoreConfig config) {
    requireNonNull(directory, "directory");
    requireNonNull(config, "config");
    return new RocksDbLeadStore(config, LeadTables.open(directory, config.sync()));
  }

  @Override
  public Optional<LeadState> get(String leadId) {
    requireNonNull(leadId, "leadId");
    checkOpen();
    LeadRecord record = tables.read(leadId);
    return record == null ? Optional.empty() : Optional.of(record.getState());
  }

  @Override
  public CompletableFuture<UpdateOutcome> update(
      String leadId, String eventId, LeadMutation mutation) {
    requireNonNull(leadId, "leadId");
    requireNonNull(eventId, "eventId");
    requireNonNull(mutation, "mutation");
    checkOpen();
    Lock lock = locks.get(leadId);
    lock.lock();
    try {
      // The epoch before the record: a record queued before a failed write is not built on.
      long epoch = committer.epoch();
      Pending queued = pending.get(leadId);
      Pending fresh = queued != null && queued.epoch == epoch ? queued : null;
      LeadRecord record = fresh != null ? fresh.record : tables.read(leadId);
      LeadState current = record == null ? LeadState.getDefaultInstance() : record.getState();
      if (record != null
          && !eventId.isEmpty()
          && record.getAppliedEventIdsList().contains(eventId)) {
        return inOrder(leadId, queued, new UpdateOutcome(true, current, 0), null);
      }
      LeadUpdate update;
      try {
        update = mutation.apply(current);
      } catch (RuntimeException e) {
        return inOrder(leadId, queued, null, e);
      }
      Pending next = new Pending(nextRecord(record, update.next(), eventId), epoch);
      pending.put(leadId, next);
      return committer.put(leadId, next, update.next(), update.transition().orElse(null));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      lock.unlock();
    }
  }

  /** Completes after the lead's queued update, if any, so one lead's outcomes stay in order. */
  private CompletableFuture<UpdateOutcome> inOrder(
      String leadId,
      @Nullable Pending queued,
      @Nullable UpdateOutcome outcome,
      @Nullable RuntimeException error) {
    if (queued != null) {
      Pending marker = queued.marker();
      pending.put(leadId, marker);
      return committer.after(leadId, marker, outcome, error);
    }
    return error != null
        ? CompletableFuture.failedFuture(error)
        : CompletableFuture.completedFuture(outcome);
  }

  @Override
  public long delete(String leadId) {
    requireNonNull(leadId, "leadId");
    checkOpen();
    CompletableFuture<Long> done;
    Lock lock = locks.get(leadId);
    lock.lock();
    try {
      Pending tombstone = new Pending(null, committer.epoch());
      pending.put(leadId, tombstone);
      done = committer.delete(leadId, tombstone);
    } finally {
      lock.unlock();
    }
    try {
      return done.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof ScoringException scoring ? scoring : e;
    }
  }

  @Override
  public List<BandTransition> transitions(long fromSequence, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
    }
    checkOpen();
    return tables.transitions(fromSequence, limit);
  }

  @Override
  public long lastSequence() {
    return committer.lastSequence();
  }

  @Override
  public StoreHealth health() {
    return closed ? StoreHealth.notServing("lead store closed") : committer.health();
  }

  @Override
  public AutoCloseable onHealthChange(Runnable listener) {
    requireNonNull(listener, "listener");
    healthListeners.add(listener);
    return () -> healthListeners.remove(listener);
  }

  @Override
  public AutoCloseable onAppend(Runnable listener) {
    requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Writes what is queued, then closes the database. Callers stop using the store first: a call
   * racing with close may fail.
   */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      committer.close();
      tables.close();
    }
  }

  /** Native handles must not be used after close: fail cleanly instead. */
  private void checkOpen() {
    if (closed) {
      throw new ScoringException(ScoringErrorCode.STORE_FAILED, "lead store closed");
    }
  }

  private LeadRecord nextRecord(@Nullable LeadRecord record, LeadState state, String eventId) {
    LeadRecord.Builder next =
        record == null ? LeadRecord.newBuilder() : record.toBuilder().clearState();
    next.setState(state);
    if (!eventId.isEmpty()) {
      next.addAppliedEventIds(eventId);
      int excess = next.getAppliedEventIdsCount() - config.maxEventIdsPerLead();
      if (excess > 0) {
        List<String> kept =
            new ArrayList<>(
                next.getAppliedEventIdsList().subList(excess, next.getAppliedEventIdsCount()));
        next.clearAppliedEventIds().addAllAppliedEventIds(kept);
      }
    }
    return next.build();
  }
}
