package dev.leadscore.store.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.proto.v1.AccountMember;
import dev.leadscore.proto.v1.AccountState;
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
 * → nothing; finds a lead's log entries for erasure), {@code meta} (the sequence high-water mark,
 * so sequences are never reused even after the newest entries were erased), {@code account_members}
 * (account key + lead id → {@link AccountMember}; an account's members are one prefix) and {@code
 * accounts} (account key → {@link AccountState}). An account key is the length-prefixed model name
 * followed by the length-prefixed account id.
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
  private final ColumnFamilyHandle accountMembers;
  private final ColumnFamilyHandle accounts;

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
    this.accountMembers = handles.get(5);
    this.accounts = handles.get(6);
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
    for (String name :
        List.of(
            "leads", "transitions", "lead_transitions", "meta", "account_members", "accounts")) {
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
          ScoringErrorCode.STORE_FAILED,
          "cannot open the lead store in " + directory + ": " + e.getMessage(),
          List.of(),
          e);
    }
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

  /** An account's members and stored state, as {@link AccountCache} loads them. */
  AccountCache.Stored readAccount(AccountKey account) {
    byte[] prefix = accountKey(account);
    List<AccountMember> members = new ArrayList<>();
    try (RocksIterator entries = db.newIterator(accountMembers)) {
      for (entries.seek(prefix);
          entries.isValid() && startsWith(entries.key(), prefix);
          entries.next()) {
        members.add(AccountMember.parseFrom(entries.value()));
      }
      byte[] state = db.get(accounts, prefix);
      return new AccountCache.Stored(members, state == null ? null : AccountState.parseFrom(state));
    } catch (RocksDBException | InvalidProtocolBufferException e) {
      throw failed("read account " + account, e);
    }
  }

  /** Adds one account write: the member's entry (or its removal) and the account's state. */
  void putAccount(WriteBatch batch, AccountWrite write) throws RocksDBException {
    byte[] key = accountKey(write.key());
    byte[] memberKey = concat(key, write.leadId().getBytes(UTF_8));
    if (write.member() == null) {
      batch.delete(accountMembers, memberKey);
    } else {
      batch.put(accountMembers, memberKey, write.member());
    }
    if (write.state() == null) {
      batch.delete(accounts, key);
    } else {
      batch.put(accounts, key, write.state());
    }
  }

  void putLead(WriteBatch batch, String leadId, byte[] record) throws RocksDBException {
    batch.put(leads, leadId.getBytes(UTF_8), record);
  }

  void putTransition(WriteBatch batch, String leadId, BandTransition transition)
      throws RocksDBException {
    batch.put(transitions, sequenceKey(transition.getSequence()), transition.toByteArray());
    if (!leadId.isEmpty()) {
      // A transition that names no lead (an account's, after a member was erased) is kept.
      batch.put(leadTransitions, leadTransitionKey(leadId, transition.getSequence()), new byte[0]);
    }
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
