package dev.leadscore.store.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.store.rocksdb.proto.LeadRecord;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * The RocksDB database behind {@link RocksDbLeadStore}: its column families, key layout, reads and
 * the primitives a write batch is made of.
 *
 * <p>Column families: {@code leads} (lead id → {@link LeadRecord}), {@code transitions} (big-endian
 * sequence → {@link BandTransition}), {@code lead_transitions} (length-prefixed lead id + sequence
 * → nothing; finds a lead's log entries for erasure) and {@code meta} (the sequence high-water
 * mark, so sequences are never reused even after the newest entries were erased).
 */
final class LeadTables implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LeadTables.class.getName());
  private static final byte[] SEQUENCE_KEY = "transition_sequence".getBytes(UTF_8);

  static {
    RocksDB.loadLibrary();
  }

  private final DBOptions options;
  private final ColumnFamilyOptions familyOptions;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles;
  private final ColumnFamilyHandle leads;
  private final ColumnFamilyHandle transitions;
  private final ColumnFamilyHandle leadTransitions;
  private final ColumnFamilyHandle meta;

  private LeadTables(
      DBOptions options,
      ColumnFamilyOptions familyOptions,
      boolean sync,
      RocksDB db,
      List<ColumnFamilyHandle> handles) {
    this.options = options;
    this.familyOptions = familyOptions;
    this.writeOptions = new WriteOptions().setSync(sync);
    this.db = db;
    this.handles = handles;
    this.leads = handles.get(1);
    this.transitions = handles.get(2);
    this.leadTransitions = handles.get(3);
    this.meta = handles.get(4);
  }

  static LeadTables open(Path directory, boolean sync) {
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
      return new LeadTables(options, familyOptions, sync, db, handles);
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

  @Nullable LeadRecord read(String leadId) {
    try {
      byte[] bytes = db.get(leads, leadId.getBytes(UTF_8));
      return bytes == null ? null : LeadRecord.parseFrom(bytes);
    } catch (RocksDBException | InvalidProtocolBufferException e) {
      throw failed("read lead " + leadId, e);
    }
  }

  long readSequence() {
    try {
      byte[] bytes = db.get(meta, SEQUENCE_KEY);
      return bytes == null ? 0 : ByteBuffer.wrap(bytes).getLong();
    } catch (RocksDBException e) {
      throw failed("read the transition sequence", e);
    }
  }

  List<BandTransition> transitions(long fromSequence, int limit) {
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

  void putLead(WriteBatch batch, String leadId, byte[] record) throws RocksDBException {
    batch.put(leads, leadId.getBytes(UTF_8), record);
  }

  void putTransition(WriteBatch batch, String leadId, BandTransition transition)
      throws RocksDBException {
    batch.put(transitions, sequenceKey(transition.getSequence()), transition.toByteArray());
    batch.put(leadTransitions, leadTransitionKey(leadId, transition.getSequence()), new byte[0]);
  }

  void putSequence(WriteBatch batch, long sequence) throws RocksDBException {
    batch.put(meta, SEQUENCE_KEY, sequenceKey(sequence));
  }

  /** Adds the deletion of the lead and its log entries; returns the number of entries. */
  long deleteLead(WriteBatch batch, String leadId) throws RocksDBException {
    batch.delete(leads, leadId.getBytes(UTF_8));
    byte[] prefix = leadTransitionKey(leadId, 0);
    int prefixLength = prefix.length - Long.BYTES;
    long erased = 0;
    try (RocksIterator entries = db.newIterator(leadTransitions)) {
      for (entries.seek(prefix); entries.isValid(); entries.next()) {
        byte[] key = entries.key();
        if (key.length != prefix.length
            || !Arrays.equals(key, 0, prefixLength, prefix, 0, prefixLength)) {
          break;
        }
        batch.delete(leadTransitions, key);
        batch.delete(transitions, Arrays.copyOfRange(key, prefixLength, key.length));
        erased++;
      }
    }
    return erased;
  }

  void write(WriteBatch batch) throws RocksDBException {
    db.write(writeOptions, batch);
  }

  static ScoringException failed(String what, Exception e) {
    LOG.log(Level.ERROR, "lead store: cannot " + what, e);
    return new ScoringException(
        ScoringErrorCode.STORE_FAILED, "lead store unavailable", List.of(), e);
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

  private static byte[] sequenceKey(long sequence) {
    return ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
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
