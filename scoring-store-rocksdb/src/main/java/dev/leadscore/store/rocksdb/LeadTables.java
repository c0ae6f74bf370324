package dev.leadscore.store.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.internal.Echoes;
import dev.leadscore.core.internal.RateLimitedLog;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.core.state.LeadPage;
import dev.leadscore.proto.v1.AccountMember;
import dev.leadscore.proto.v1.AccountState;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.store.rocksdb.proto.LeadHistory;
import dev.leadscore.store.rocksdb.proto.LeadRecord;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB database behind {@link RocksDbLeadStore}: its column families, key layout, reads and
 * the primitives a write batch is made of.
 *
 * <p>Column families: {@code leads} (lead id → {@link LeadRecord}), {@code lead_history} (lead id →
 * {@link LeadHistory}, the older events and ids of a long lead; see {@link StoredLead}), {@code
 * transitions} (big-endian sequence → {@link BandTransition}), {@code lead_transitions}
 * (length-prefixed lead id + sequence → nothing; finds a lead's log entries for erasure), {@code
 * meta} (the sequence high-water mark, so sequences are never reused even after the newest entries
 * were erased), {@code account_members} (account key + lead id → {@link AccountMember}; an
 * account's members are one prefix) and {@code accounts} (account key → {@link AccountState}). An
 * account key is the length-prefixed model name followed by the length-prefixed account id.
 *
 * <p>After a failed write RocksDB refuses every later write until the database is opened again
 * (RocksJava has no {@code Resume}), so {@link #reopen} closes and opens it in place; what was
 * acknowledged is in the write-ahead log and comes back. Reads from any thread hold a read lock
 * that {@link #reopen} waits for; the write primitives are called only by the commit thread, which
 * is also the one that reopens.
 */
final class LeadTables implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LeadTables.class.getName());
  private static final byte[] SEQUENCE_KEY = "transition_sequence".getBytes(UTF_8);
  private static final RateLimitedLog UNREADABLE = new RateLimitedLog(LOG, Duration.ofMinutes(1));

  static {
    RocksDB.loadLibrary();
  }

  /** One open database and its column families. */
  private record Database(
      RocksDB db,
      List<ColumnFamilyHandle> handles,
      ColumnFamilyHandle leads,
      ColumnFamilyHandle transitions,
      ColumnFamilyHandle leadTransitions,
      ColumnFamilyHandle meta,
      ColumnFamilyHandle accountMembers,
      ColumnFamilyHandle accounts,
      ColumnFamilyHandle histories) {
    void close() {
      for (ColumnFamilyHandle handle : handles) {
        handle.close();
      }
      db.close();
    }
  }

  private final Path directory;
  private final DBOptions options;
  private final ColumnFamilyOptions familyOptions;
  private final WriteOptions writeOptions;
  private final StampedLock lock = new StampedLock();
  private final HistoryCache histories = new HistoryCache(HistoryCache.DEFAULT_MAX_BYTES);
  // Written under the write lock; null while a reopen failed.
  private @Nullable Database database;

  private LeadTables(
      Path directory,
      DBOptions options,
      ColumnFamilyOptions familyOptions,
      boolean sync,
      Database database) {
    this.directory = directory;
    this.options = options;
    this.familyOptions = familyOptions;
    this.writeOptions = new WriteOptions().setSync(sync);
    this.database = database;
  }

  /** The write-ahead log's bound: 256 MiB. */
  static final long MAX_TOTAL_WAL_BYTES = 256L << 20;

  static LeadTables open(Path directory, boolean sync) {
    DBOptions options =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxBackgroundJobs(2)
            // RocksDB's default bound on the write-ahead log is 4 × every family's write buffers
            // (about 3.6 GB with ours), and a quiet family (meta, accounts) keeps old log files
            // alive until it is flushed: at 1 M leads the log was 3 GB beside 0.7 GB of data.
            // Past this size the families holding the oldest log are flushed so it can go.
            .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES);
    ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
    try {
      Files.createDirectories(directory);
      return new LeadTables(
          directory, options, familyOptions, sync, openDatabase(directory, options, familyOptions));
    } catch (RocksDBException | IOException e) {
      options.close();
      familyOptions.close();
      throw new ScoringException(
          ScoringErrorCode.STORE_FAILED, openFailure(directory, e), List.of(), e);
    }
  }

  /**
   * Why the store could not be opened, in the user's terms: RocksDB's own words ("While lock file:
   * data/LOCK: Resource temporarily unavailable") say what failed, not what to do.
   */
  private static String openFailure(Path directory, Exception e) {
    String reason = e.getMessage() == null ? "" : e.getMessage();
    if (e instanceof RocksDBException && reason.contains("LOCK")) {
      return "the lead store in "
          + directory
          + " is in use by another process (is another leadscore serve running there?): stop"
          + " it, or give this server its own --data directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "cannot open the lead store in " + directory + ": permission denied on " + reason;
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "cannot open the lead store in " + directory + ": " + reason + " is not a directory";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return "cannot open the lead store in " + directory + ": " + f.getReason();
    }
    return "cannot open the lead store in " + directory + ": " + reason;
  }

  private static Database openDatabase(
      Path directory, DBOptions options, ColumnFamilyOptions familyOptions)
      throws RocksDBException {
    List<ColumnFamilyDescriptor> families = new ArrayList<>();
    families.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
    for (String name :
        List.of(
            "leads",
            "transitions",
            "lead_transitions",
            "meta",
            "account_members",
            "accounts",
            "lead_history")) {
      families.add(new ColumnFamilyDescriptor(name.getBytes(UTF_8), familyOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    RocksDB db = RocksDB.open(options, directory.toString(), families, handles);
    return new Database(
        db,
        handles,
        handles.get(1),
        handles.get(2),
        handles.get(3),
        handles.get(4),
        handles.get(5),
        handles.get(6),
        handles.get(7));
  }

  /** The store's directory. */
  Path directory() {
    return directory;
  }

  /**
   * Closes the database and opens it again, which clears RocksDB's error state and replays the
   * write-ahead log. Waits for reads in progress; reads meanwhile wait. Commit thread only.
   *
   * @throws RocksDBException if it cannot be opened again; reads then fail until a later reopen
   */
  void reopen() throws RocksDBException {
    long stamp = lock.writeLock();
    try {
      if (database != null) {
        database.close();
        database = null;
      }
      database = openDatabase(directory, options, familyOptions);
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /**
   * The lead's record and, for a long lead, its history; null if there is none.
   *
   * @throws ScoringException {@link ScoringErrorCode#LEAD_UNREADABLE} if the record is there but
   *     does not parse (e.g. written before values were bounded, nested past protobuf's limit) or
   *     its history does not match it
   */
  @Nullable StoredLead read(String leadId) {
    byte[] key = leadId.getBytes(UTF_8);
    byte[] bytes;
    long stamp = lock.readLock();
    try {
      Database open = database();
      bytes = open.db().get(open.leads(), key);
      if (bytes == null) {
        return null;
      }
      return assemble(open, leadId, key, bytes, true);
    } catch (RocksDBException e) {
      throw failed("read lead " + Echoes.of(leadId), e);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * The lead from its record's bytes, with its history from the cache or the database ({@code
   * cache}: keeping what was read; a scan does not).
   */
  private StoredLead assemble(Database open, String leadId, byte[] key, byte[] bytes, boolean cache)
      throws RocksDBException {
    LeadRecord record;
    try {
      record = LeadRecord.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw unreadable(leadId, bytes.length + " bytes, " + e.getMessage());
    }
    if (!record.hasHistory()) {
      return StoredLead.read(record, null);
    }
    long generation = record.getHistory().getGeneration();
    LeadHistory history = histories.get(leadId, generation);
    if (history == null) {
      byte[] stored = open.db().get(open.histories(), key);
      if (stored != null) {
        try {
          history = LeadHistory.parseFrom(stored);
        } catch (InvalidProtocolBufferException e) {
          throw unreadable(leadId, "its history: " + e.getMessage());
        }
        if (cache && history.getGeneration() == generation) {
          histories.put(leadId, history, stored.length);
        }
      }
    }
    try {
      return StoredLead.read(record, history);
    } catch (IllegalArgumentException e) {
      throw unreadable(leadId, e.getMessage());
    }
  }

  private static ScoringException unreadable(String leadId, @Nullable String why) {
    UNREADABLE.log(
        Level.WARNING,
        "unreadable",
        () ->
            "lead store: the record of lead "
                + Echoes.of(leadId)
                + " cannot be read ("
                + why
                + "); DeleteLead erases it");
    return new ScoringException(
        ScoringErrorCode.LEAD_UNREADABLE,
        "lead "
            + Echoes.of(leadId)
            + ": its stored record cannot be read (expected: a readable record; DeleteLead"
            + " erases it)");
  }

  /** Keeps a history an update just made, so the lead's next update need not read it. */
  void cacheHistory(String leadId, StoredLead lead) {
    byte[] bytes = lead.historyBytes();
    LeadHistory history = lead.history();
    if (bytes != null && history != null) {
      histories.put(leadId, history, bytes.length);
    }
  }

  /**
   * Whether a record is stored under the lead's id, read or not: erasure must not parse it. Commit
   * thread only.
   */
  boolean exists(String leadId) throws RocksDBException {
    Database open = database();
    return open.db().get(open.leads(), leadId.getBytes(UTF_8)) != null;
  }

  /**
   * Up to {@code limit} leads after {@code afterKey} in key order (from the first if empty), and
   * the key of the last one read when more follow. Scans do not fill the block cache, so a full
   * scan does not push the leads that streams are updating out of it. A record that does not parse
   * is skipped (and logged, at most once a minute), so one bad record cannot stop an evaluation.
   */
  LeadPage scan(String afterKey, int limit) {
    List<LeadState> page = new ArrayList<>(Math.min(limit, 1024));
    byte[] after = afterKey.getBytes(UTF_8);
    long stamp = lock.readLock();
    try (ReadOptions options = new ReadOptions().setFillCache(false).setReadaheadSize(1 << 20)) {
      Database open = database();
      try (RocksIterator entries = open.db().newIterator(open.leads(), options)) {
        entries.seek(after);
        if (entries.isValid() && !afterKey.isEmpty() && Arrays.equals(entries.key(), after)) {
          entries.next();
        }
        String last = "";
        for (int read = 0; entries.isValid() && read < limit; entries.next(), read++) {
          byte[] key = entries.key();
          last = new String(key, UTF_8);
          try {
            page.add(assemble(open, last, key, entries.value(), false).state());
          } catch (ScoringException e) {
            // Logged by assemble; one bad record must not stop an evaluation.
            if (e.code() != ScoringErrorCode.LEAD_UNREADABLE) {
              throw e;
            }
          }
        }
        return new LeadPage(page, entries.isValid() ? last : "");
      }
    } catch (RocksDBException e) {
      throw failed("scan the leads", e);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  long readSequence() {
    long stamp = lock.readLock();
    try {
      Database open = database();
      byte[] bytes = open.db().get(open.meta(), SEQUENCE_KEY);
      return bytes == null ? 0 : ByteBuffer.wrap(bytes).getLong();
    } catch (RocksDBException e) {
      throw failed("read the transition sequence", e);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  List<BandTransition> transitions(long fromSequence, int limit) {
    List<BandTransition> page = new ArrayList<>(Math.min(limit, 256));
    long stamp = lock.readLock();
    try {
      Database open = database();
      try (RocksIterator entries = open.db().newIterator(open.transitions())) {
        for (entries.seek(sequenceKey(Math.max(fromSequence, 0)));
            entries.isValid() && page.size() < limit;
            entries.next()) {
          page.add(BandTransition.parseFrom(entries.value()));
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw failed("read the transition log", e);
    } finally {
      lock.unlockRead(stamp);
    }
    return page;
  }

  /** An account's members and stored state, as {@link AccountCache} loads them. */
  AccountCache.Stored readAccount(AccountKey account) {
    byte[] prefix = accountKey(account);
    long stamp = lock.readLock();
    try {
      Database open = database();
      List<AccountMember> members = new ArrayList<>();
      try (RocksIterator entries = open.db().newIterator(open.accountMembers())) {
        for (entries.seek(prefix);
            entries.isValid() && startsWith(entries.key(), prefix);
            entries.next()) {
          members.add(AccountMember.parseFrom(entries.value()));
        }
      }
      byte[] state = open.db().get(open.accounts(), prefix);
      return new AccountCache.Stored(members, state == null ? null : AccountState.parseFrom(state));
    } catch (RocksDBException | InvalidProtocolBufferException e) {
      throw failed("read account " + account, e);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Adds one account write: the member's entry (or its removal) and the account's state. */
  void putAccount(WriteBatch batch, AccountWrite write) throws RocksDBException {
    Database open = database();
    byte[] key = accountKey(write.key());
    byte[] memberKey = concat(key, write.leadId().getBytes(UTF_8));
    if (write.member() == null) {
      batch.delete(open.accountMembers(), memberKey);
    } else {
      batch.put(open.accountMembers(), memberKey, write.member());
    }
    if (write.state() == null) {
      batch.delete(open.accounts(), key);
    } else {
      batch.put(open.accounts(), key, write.state());
    }
  }

  void putLead(WriteBatch batch, String leadId, byte[] record) throws RocksDBException {
    batch.put(database().leads(), leadId.getBytes(UTF_8), record);
  }

  /** Adds the lead's history write: a new one, or its deletion when the lead fits its record. */
  void putHistory(WriteBatch batch, String leadId, StoredLead lead) throws RocksDBException {
    byte[] bytes = lead.historyBytes();
    if (bytes != null) {
      batch.put(database().histories(), leadId.getBytes(UTF_8), bytes);
    } else if (lead.historyDropped()) {
      batch.delete(database().histories(), leadId.getBytes(UTF_8));
    }
  }

  void putTransition(WriteBatch batch, String leadId, BandTransition transition)
      throws RocksDBException {
    Database open = database();
    batch.put(open.transitions(), sequenceKey(transition.getSequence()), transition.toByteArray());
    if (!leadId.isEmpty()) {
      // A transition that names no lead (an account's, after a member was erased) is kept.
      batch.put(
          open.leadTransitions(), leadTransitionKey(leadId, transition.getSequence()), new byte[0]);
    }
  }

  void putSequence(WriteBatch batch, long sequence) throws RocksDBException {
    batch.put(database().meta(), SEQUENCE_KEY, sequenceKey(sequence));
  }

  /**
   * Adds the deletion of the lead and its log entries; returns the number of entries. Commit thread
   * only.
   */
  long deleteLead(WriteBatch batch, String leadId) throws RocksDBException {
    Database open = database();
    batch.delete(open.leads(), leadId.getBytes(UTF_8));
    batch.delete(open.histories(), leadId.getBytes(UTF_8));
    histories.remove(leadId);
    byte[] prefix = leadTransitionKey(leadId, 0);
    int prefixLength = prefix.length - Long.BYTES;
    long erased = 0;
    try (RocksIterator entries = open.db().newIterator(open.leadTransitions())) {
      for (entries.seek(prefix); entries.isValid(); entries.next()) {
        byte[] key = entries.key();
        if (key.length != prefix.length
            || !Arrays.equals(key, 0, prefixLength, prefix, 0, prefixLength)) {
          break;
        }
        batch.delete(open.leadTransitions(), key);
        batch.delete(open.transitions(), Arrays.copyOfRange(key, prefixLength, key.length));
        erased++;
      }
    }
    return erased;
  }

  /** Commit thread only. */
  void write(WriteBatch batch) throws RocksDBException {
    database().db().write(writeOptions, batch);
  }

  private Database database() {
    Database open = database;
    if (open == null) {
      throw new ScoringException(
          ScoringErrorCode.STORE_FAILED, "lead store unavailable: reopening after a failed write");
    }
    return open;
  }

  static ScoringException failed(String what, Exception e) {
    LOG.log(Level.ERROR, "lead store: cannot " + what, e);
    return new ScoringException(
        ScoringErrorCode.STORE_FAILED, "lead store unavailable", List.of(), e);
  }

  @Override
  public void close() {
    long stamp = lock.writeLock();
    try {
      if (database != null) {
        database.close();
        database = null;
      }
    } finally {
      lock.unlockWrite(stamp);
    }
    writeOptions.close();
    options.close();
    familyOptions.close();
  }

  private static byte[] sequenceKey(long sequence) {
    return ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
  }

  private static byte[] accountKey(AccountKey account) {
    byte[] model = account.model().getBytes(UTF_8);
    byte[] id = account.accountId().getBytes(UTF_8);
    return ByteBuffer.allocate(2 * Integer.BYTES + model.length + id.length)
        .putInt(model.length)
        .put(model)
        .putInt(id.length)
        .put(id)
        .array();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** Length-prefixed, so one id's keys never share a prefix with another's. */
  private static byte[] leadTransitionKey(String leadId, long sequence) {
    byte[] id = leadId.getBytes(UTF_8);
    return ByteBuffer.allocate(Integer.BYTES + id.length + Long.BYTES)
        .putInt(id.length)
        .put(id)
        .putLong(sequence)
        .array();
  }
}
