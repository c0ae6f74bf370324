package dev.leadscore.core.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Striped;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadRecord;
import dev.leadscore.proto.v1.LeadState;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The embedded, durable {@link LeadStore}: RocksDB in one directory.
 *
 * <p>Design notes. Four column families: {@code leads} (lead id → {@link LeadRecord}), {@code
 * transitions} (big-endian sequence → {@link BandTransition}), {@code lead_transitions} (lead id +
 * sequence → nothing; finds a lead's log entries for erasure) and {@code meta} (the sequence
 * high-water mark, so sequences are never reused even when the newest entries were erased). Each
 * update is one {@link WriteBatch} through the write-ahead log, so state, log entry and high-water
 * mark land together or not at all; RocksDB replays the log on open after a crash.
 *
 * <p>Updates of one lead are serialized by a striped lock on its id; different leads proceed in
 * parallel. Updates that append to the transition log also hold one log lock while they take a
 * sequence number and write, so entries become visible in sequence order.
 *
 * <p>Durability: every write goes through the write-ahead log, which RocksDB hands to the operating
 * system before {@code write} returns, so an acknowledged change survives the process being killed.
 * With {@link LeadStoreConfig#sync()} each write also waits for fsync (concurrent writers share one
 * fsync: RocksDB's write groups), which makes it survive power loss.
 */
public final class RocksDbLeadStore implements LeadStore {
  private static final System.Logger LOG = System.getLogger(RocksDbLeadStore.class.getName());
  private static final byte[] SEQUENCE_KEY = "transition_sequence".getBytes(UTF_8);
  private static final int LOCK_STRIPES = 4096;

  static {
    RocksDB.loadLibrary();
  }

  private final LeadStoreConfig config;
  private final DBOptions options;
  private final ColumnFamilyOptions familyOptions;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles;
  private final ColumnFamilyHandle leads;
  private final ColumnFamilyHandle transitions;
  private final ColumnFamilyHandle leadTransitions;
  private final ColumnFamilyHandle meta;
  private final Striped<Lock> locks = Striped.lock(LOCK_STRIPES);
  private final Object logLock = new Object();
  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile long lastSequence;

  private RocksDbLeadStore(
      LeadStoreConfig config,
      DBOptions options,
      ColumnFamilyOptions familyOptions,
      RocksDB db,
      List<ColumnFamilyHandle> handles) {
    this.config = config;
    this.options = options;
    this.familyOptions = familyOptions;
    this.writeOptions = new WriteOptions().setSync(config.sync());
    this.db = db;
    this.handles = handles;
    this.leads = handles.get(1);
    this.transitions = handles.get(2);
    this.leadTransitions = handles.get(3);
    this.meta = handles.get(4);
    this.lastSequence = readSequence();
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
    DBOptions options =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxBackgroundJobs(2);
    ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
    List<ColumnFamilyDescriptor> families = new ArrayList<>();
    families.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
    for (String name : List.of("leads", "transitions", "lead_transitions", "meta")) {
      families.add(new ColumnFamilyDescriptor(name.getBytes(UTF_8), familyOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      Files.createDirectories(directory);
      RocksDB db = RocksDB.open(options, directory.toString(), families, handles);
      return new RocksDbLeadStore(config, options, familyOptions, db, handles);
    } catch (RocksDBException | IOException e) {
      options.close();
      familyOptions.close();
      throw new ScoringException(
          ScoringErrorCode.STORE_FAILED,
          "cannot open the lead store in " + directory + ": " + e.getMessage(),
          List.of(),
          e);
    }
  }

  @Override
  public Optional<LeadState> get(String leadId) {
    requireNonNull(leadId, "leadId");
    LeadRecord record = read(leadId);
    return record == null ? Optional.empty() : Optional.of(record.getState());
  }

  @Override
  public UpdateOutcome update(String leadId, String eventId, LeadMutation mutation) {
    requireNonNull(leadId, "leadId");
    requireNonNull(eventId, "eventId");
    requireNonNull(mutation, "mutation");
    Lock lock = locks.get(leadId);
    lock.lock();
    try {
      LeadRecord record = read(leadId);
      LeadState current = record == null ? LeadState.getDefaultInstance() : record.getState();
      if (record != null
          && !eventId.isEmpty()
          && record.getAppliedEventIdsList().contains(eventId)) {
        return new UpdateOutcome(true, current, 0);
      }
      LeadUpdate update = mutation.apply(current);
      LeadRecord next = nextRecord(record, update.next(), eventId);
      long sequence = commit(leadId, next, update.transition().orElse(null));
      return new UpdateOutcome(false, update.next(), sequence);
    } finally {
      lock.unlock();
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

  /** Writes the record and the transition, if any, in one batch; returns its sequence or 0. */
  private long commit(String leadId, LeadRecord record, @Nullable BandTransition transition) {
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(leads, leadId.getBytes(UTF_8), record.toByteArray());
      if (transition == null) {
        db.write(writeOptions, batch);
        return 0;
      }
      long sequence = appendAndWrite(batch, leadId, transition);
      for (Runnable listener : listeners) {
        listener.run();
      }
      return sequence;
    } catch (RocksDBException e) {
      throw failed("write lead " + leadId, e);
    }
  }

  private long appendAndWrite(WriteBatch batch, String leadId, BandTransition transition)
      throws RocksDBException {
    synchronized (logLock) {
      long sequence = lastSequence + 1;
      batch.put(
          transitions,
          sequenceKey(sequence),
          transition.toBuilder().setSequence(sequence).build().toByteArray());
      batch.put(leadTransitions, leadTransitionKey(leadId, sequence), new byte[0]);
      batch.put(meta, SEQUENCE_KEY, sequenceKey(sequence));
      db.write(writeOptions, batch);
      lastSequence = sequence;
      return sequence;
    }
  }

  @Override
  public long delete(String leadId) {
    requireNonNull(leadId, "leadId");
    Lock lock = locks.get(leadId);
    lock.lock();
    try (WriteBatch batch = new WriteBatch();
        RocksIterator entries = db.newIterator(leadTransitions)) {
      if (read(leadId) == null) {
        return -1;
      }
      batch.delete(leads, leadId.getBytes(UTF_8));
      byte[] prefix = leadTransitionKey(leadId, 0);
      int prefixLength = prefix.length - Long.BYTES;
      long erased = 0;
      for (entries.seek(prefix); entries.isValid(); entries.next()) {
        byte[] key = entries.key();
        if (!hasPrefix(key, prefix, prefixLength)) {
          break;
        }
        batch.delete(leadTransitions, key);
        batch.delete(transitions, Arrays.copyOfRange(key, prefixLength, key.length));
        erased++;
      }
      db.write(writeOptions, batch);
      return erased;
    } catch (RocksDBException e) {
      throw failed("delete", e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<BandTransition> transitions(long fromSequence, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
    }
    List<BandTransition> page = new ArrayList<>(Math.min(limit, 256));
    try (RocksIterator entries = db.newIterator(transitions)) {
      for (entries.seek(sequenceKey(Math.max(fromSequence, 0)));
          entries.isValid() && page.size() < limit;
          entries.next()) {
        page.add(BandTransition.parseFrom(entries.value()));
      }
    } catch (InvalidProtocolBufferException e) {
      throw failed("read the transition log", e);
    }
    return page;
  }

  @Override
  public long lastSequence() {
    return lastSequence;
  }

  @Override
  public AutoCloseable onAppend(Runnable listener) {
    requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void close() {
    for (ColumnFamilyHandle handle : handles) {
      handle.close();
    }
    db.close();
    writeOptions.close();
    options.close();
    familyOptions.close();
  }

  private @Nullable LeadRecord read(String leadId) {
    try {
      byte[] bytes = db.get(leads, leadId.getBytes(UTF_8));
      return bytes == null ? null : LeadRecord.parseFrom(bytes);
    } catch (RocksDBException | InvalidProtocolBufferException e) {
      throw failed("read lead " + leadId, e);
    }
  }

  private long readSequence() {
    try {
      byte[] bytes = db.get(meta, SEQUENCE_KEY);
      return bytes == null ? 0 : ByteBuffer.wrap(bytes).getLong();
    } catch (RocksDBException e) {
      throw failed("read the transition sequence", e);
    }
  }

  private static ScoringException failed(String what, Exception e) {
    LOG.log(Level.ERROR, "lead store: cannot " + what, e);
    return new ScoringException(
        ScoringErrorCode.STORE_FAILED, "lead store unavailable", List.of(), e);
  }

  private static byte[] sequenceKey(long sequence) {
    return ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
  }

  /** Length-prefixed, so one id is never a prefix of another's keys. */
  private static byte[] leadTransitionKey(String leadId, long sequence) {
    byte[] id = leadId.getBytes(UTF_8);
    return ByteBuffer.allocate(Integer.BYTES + id.length + Long.BYTES)
        .putInt(id.length)
        .put(id)
        .putLong(sequence)
        .array();
  }

  private static boolean hasPrefix(byte[] key, byte[] prefix, int length) {
    if (key.length != prefix.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
