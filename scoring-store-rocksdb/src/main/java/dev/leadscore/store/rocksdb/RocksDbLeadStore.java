package dev.leadscore.store.rocksdb;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Striped;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.state.AccountChange;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.core.state.AccountReader;
import dev.leadscore.core.state.LeadDeletion;
import dev.leadscore.core.state.LeadMutation;
import dev.leadscore.core.state.LeadPage;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.core.state.StoreHealth;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.store.rocksdb.GroupCommitter.Pending;
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
 * <p>Accounts: an update's account changes are applied to the accounts in memory ({@link
 * AccountCache}) under their locks, and their member entries, states and transitions are written in
 * the same batch as the lead, so a crash never separates a lead from its accounts.
 *
 * <p>After a failed write (a full disk) the store refuses writes and reports {@link #health()} not
 * serving; it opens the database again once it can and resumes, without a restart (see {@link
 * GroupCommitter}). What was acknowledged before is in the write-ahead log and kept.
 */
public final class RocksDbLeadStore implements LeadStore {
  private static final int LOCK_STRIPES = 4096;

  /** The default bound of the members (plus one per account) kept in memory. */
  public static final long DEFAULT_MAX_CACHED_ACCOUNT_MEMBERS = 500_000;

  private final LeadStoreConfig config;
  private final LeadTables tables;
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Runnable> healthListeners = new CopyOnWriteArrayList<>();
  private final AccountCache accounts;
  private final GroupCommitter committer;
  private final Striped<Lock> locks = Striped.lock(LOCK_STRIPES);
  private volatile boolean closed;

  private RocksDbLeadStore(LeadStoreConfig config, LeadTables tables, long maxCachedMembers) {
    this.config = config;
    this.tables = tables;
    this.accounts = new AccountCache(maxCachedMembers, tables::readAccount);
    this.committer = new GroupCommitter(tables, pending, accounts, listeners, healthListeners);
  }

  /**
   * Opens the store in {@code directory}, creating it if needed, and recovers what the write-ahead
   * log holds after a crash.
   *
   * @throws ScoringException {@link ScoringErrorCode#STORE_FAILED} if the directory cannot be used,
   *     e.g. another process has it open
   */
  public static RocksDbLeadStore open(Path directory, LeadStoreConfig config) {
    return open(directory, config, DEFAULT_MAX_CACHED_ACCOUNT_MEMBERS);
  }

  /**
   * Opens the store as {@link #open(Path, LeadStoreConfig)} does, keeping at most about {@code
   * maxCachedMembers} account members (plus one per account) in memory; accounts beyond it are read
   * again from disk when next used.
   */
  public static RocksDbLeadStore open(
      Path directory, LeadStoreConfig config, long maxCachedMembers) {
    requireNonNull(directory, "directory");
    requireNonNull(config, "config");
    if (maxCachedMembers < 1) {
      throw new IllegalArgumentException(
          "maxCachedMembers: " + maxCachedMembers + " (expected: >= 1)");
    }
    return new RocksDbLeadStore(
        config, LeadTables.open(directory, config.sync()), maxCachedMembers);
  }

  @Override
  public Optional<LeadState> get(String leadId) {
    requireNonNull(leadId, "leadId");
    checkOpen();
    StoredLead lead = tables.read(leadId);
    return lead == null ? Optional.empty() : Optional.of(lead.state());
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
      StoredLead record = fresh != null ? fresh.lead : tables.read(leadId);
      LeadState current = record == null ? LeadState.getDefaultInstance() : record.state();
      if (record != null && !eventId.isEmpty() && record.appliedIds().contains(eventId)) {
        return inOrder(leadId, queued, new UpdateOutcome(true, current, 0), null);
      }
      LeadUpdate update;
      try {
        update = mutation.apply(current);
      } catch (RuntimeException e) {
        return inOrder(leadId, queued, null, e);
      }
      if (!update.accountChanges().isEmpty()) {
        return updateWithAccounts(leadId, eventId, queued, record, update, epoch);
      }
      Pending next = nextPending(leadId, record, update.next(), eventId, epoch);
      return committer.put(leadId, next, update.next(), update.transition().orElse(null), null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies the account changes under their accounts' locks and queues them with the lead, still
   * holding the locks, so each account's changes are written in the order their mutations ran.
   */
  private CompletableFuture<UpdateOutcome> updateWithAccounts(
      String leadId,
      String eventId,
      @Nullable Pending queued,
      @Nullable StoredLead record,
      LeadUpdate update,
      long epoch) {
    List<AccountCache.Holder> holders = accounts.lockAll(keys(update.accountChanges()));
    try {
      @Nullable AccountWrite[] writes;
      try {
        writes = AccountWrites.apply(update.accountChanges(), holders);
      } catch (RuntimeException e) {
        return inOrder(leadId, queued, null, e);
      }
      Pending next = nextPending(leadId, record, update.next(), eventId, epoch);
      return committer.put(leadId, next, update.next(), update.transition().orElse(null), writes);
    } finally {
      accounts.releaseAll(holders);
    }
  }

  private static List<AccountKey> keys(List<AccountChange> changes) {
    List<AccountKey> keys = new ArrayList<>(changes.size());
    for (AccountChange change : changes) {
      keys.add(change.account());
    }
    return keys;
  }

  @Override
  public boolean supportsAccounts() {
    return true;
  }

  /**
   * Reads the account in memory (loading it on first use), with every change queued so far: a
   * change may be seen a moment before it is durable.
   */
  @Override
  public <T> Optional<T> readAccount(AccountKey account, AccountReader<T> reader) {
    requireNonNull(account, "account");
    requireNonNull(reader, "reader");
    checkOpen();
    List<AccountCache.Holder> holders = accounts.lockAll(List.of(account));
    try {
      AccountCache.Holder holder = holders.get(0);
      return holder.aggregate().memberCount() == 0
          ? Optional.empty()
          : Optional.of(reader.read(holder.aggregate(), holder.state));
    } finally {
      accounts.releaseAll(holders);
    }
  }

  /** Members held in memory (plus one per account), for tests. */
  long cachedAccountWeightForTest() {
    return accounts.members();
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
    return delete(leadId, current -> List.of());
  }

  @Override
  public long delete(String leadId, LeadDeletion deletion) {
    requireNonNull(leadId, "leadId");
    requireNonNull(deletion, "deletion");
    checkOpen();
    CompletableFuture<Long> done;
    Lock lock = locks.get(leadId);
    lock.lock();
    try {
      long epoch = committer.epoch();
      Pending queued = pending.get(leadId);
      List<AccountChange> changes = accountRemovals(leadId, queued, epoch, deletion);
      List<AccountCache.Holder> holders = accounts.lockAll(keys(changes));
      try {
        @Nullable AccountWrite @Nullable [] writes =
            changes.isEmpty() ? null : AccountWrites.apply(changes, holders);
        Pending tombstone = new Pending(null, epoch);
        pending.put(leadId, tombstone);
        done = committer.delete(leadId, tombstone, writes);
      } finally {
        accounts.releaseAll(holders);
      }
    } finally {
      lock.unlock();
    }
    try {
      return done.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof ScoringException scoring ? scoring : e;
    }
  }

  /**
   * The account removals of a deleted lead, from its last state. A record that cannot be read (see
   * {@link #get}) is erased all the same, without: its accounts keep an entry that its next change
   * or {@code GetAccount} cannot resolve, which is logged rather than blocking the erasure.
   */
  private List<AccountChange> accountRemovals(
      String leadId, @Nullable Pending queued, long epoch, LeadDeletion deletion) {
    StoredLead record;
    if (queued != null && queued.epoch == epoch) {
      record = queued.lead;
    } else {
      try {
        record = tables.read(leadId);
      } catch (ScoringException e) {
        if (e.code() != ScoringErrorCode.LEAD_UNREADABLE) {
          throw e;
        }
        return List.of();
      }
    }
    return record == null ? List.of() : deletion.accountChanges(record.state());
  }

  @Override
  public List<BandTransition> transitions(long fromSequence, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
    }
    checkOpen();
    return tables.transitions(fromSequence, limit);
  }

  /**
   * Leads in the order of their ids' UTF-8 bytes, each exactly once per scan (a record that cannot
   * be parsed is skipped and logged); the cursor is the last id returned. A page shows what was
   * written when it is read: leads added or deleted during a scan appear or not depending on where
   * they fall.
   */
  @Override
  public LeadPage scan(String cursor, int limit) {
    requireNonNull(cursor, "cursor");
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
    }
    checkOpen();
    return tables.scan(cursor, limit);
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

  /**
   * The lead's next version, queued where its next update reads it: the state and the applied ids
   * with {@code eventId} added (the oldest forgotten past the limit), split into its stored parts.
   */
  private Pending nextPending(
      String leadId, @Nullable StoredLead record, LeadState state, String eventId, long epoch) {
    List<String> ids = record == null ? List.of() : record.appliedIds();
    if (!eventId.isEmpty()) {
      int keep = Math.min(ids.size(), config.maxEventIdsPerLead() - 1);
      List<String> next = new ArrayList<>(keep + 1);
      next.addAll(ids.subList(ids.size() - keep, ids.size()));
      next.add(eventId);
      ids = next;
    }
    StoredLead lead = StoredLead.next(record, state, ids);
    tables.cacheHistory(leadId, lead);
    Pending next = new Pending(lead, epoch);
    pending.put(leadId, next);
    return next;
  }
}
