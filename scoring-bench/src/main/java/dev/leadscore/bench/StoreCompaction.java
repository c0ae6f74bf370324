package dev.leadscore.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * Flushes and fully compacts a stopped server's RocksDB lead store, so that {@code du} of the
 * directory measures the stored leads rather than the write-ahead log and overwritten versions of
 * each record. Opens every column family with default options, as the store does ({@code
 * LeadTables}). Needs the store closed (the server stopped). Not a test; run by hand, see
 * docs/PERFORMANCE.md.
 *
 * <pre>java -cp scoring-bench/target/benchmarks.jar dev.leadscore.bench.StoreCompaction DIR</pre>
 */
public final class StoreCompaction {
  private StoreCompaction() {}

  public static void main(String[] args) throws Exception {
    String directory = args[0];
    RocksDB.loadLibrary();
    List<byte[]> names;
    try (Options options = new Options()) {
      names = RocksDB.listColumnFamilies(options, directory);
    }
    List<ColumnFamilyDescriptor> families = new ArrayList<>();
    try (ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
        DBOptions options = new DBOptions()) {
      for (byte[] name : names) {
        families.add(new ColumnFamilyDescriptor(name, familyOptions));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      try (RocksDB db = RocksDB.open(options, directory, families, handles);
          FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
        for (ColumnFamilyHandle handle : handles) {
          db.flush(flush, handle);
          db.compactRange(handle);
          System.out.println("compacted " + new String(handle.getName(), StandardCharsets.UTF_8));
        }
        for (ColumnFamilyHandle handle : handles) {
          handle.close();
        }
      }
    }
  }
}
