package dev.leadscore.store.rocksdb;

import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.internal.RateLimitedLog;
import dev.leadscore.core.state.StoreHealth;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;

/**
 * The {@link GroupCommitter}'s failed write, if any, and its recovery. After a failed write RocksDB
 * refuses every later one until the database is opened again (RocksJava has no {@code Resume}), so
 * every {@value #RETRY_MILLIS} ms — once at least {@value #MIN_FREE_BYTES} bytes are free, if the
 * disk was full — {@link #recover} opens it again in place and tries a write. Health listeners hear
 * both changes. Written by the commit thread only; read from any thread.
 */
final class WriteFailure {
  private static final System.Logger LOG = System.getLogger(WriteFailure.class.getName());
  private static final RateLimitedLog RETRIES = new RateLimitedLog(LOG, Duration.ofMinutes(1));
  static final long RETRY_MILLIS = 1000;
  static final long MIN_FREE_BYTES = 1024 * 1024;

  private final LeadTables tables;
  private final CopyOnWriteArrayList<Runnable> listeners;
  private volatile @Nullable ScoringException failure;
  // Confined to the commit thread.
  private boolean noSpace;
  private long failedAt;
  private long nextAttempt;

  WriteFailure(LeadTables tables, CopyOnWriteArrayList<Runnable> listeners) {
    this.tables = tables;
    this.listeners = listeners;
  }

  /** What writes fail with now, null while the store writes. */
  @Nullable ScoringException current() {
    return failure;
  }

  StoreHealth health() {
    ScoringException failed = failure;
    return failed == null ? StoreHealth.SERVING : StoreHealth.notServing(failed.getMessage());
  }

  /**
   * Records a failed write; returns false if the store had already failed. The caller drops what
   * may build on the lost write, then calls {@link #announce}.
   */
  boolean fail(Exception e) {
    if (failure != null) {
      return false;
    }
    noSpace =
        e instanceof RocksDBException rocks
            && rocks.getStatus() != null
            && rocks.getStatus().getSubCode() == Status.SubCode.NoSpace;
    LOG.log(
        Level.ERROR,
        "lead store: a write failed ("
            + e.getMessage()
            + "); refusing writes, retrying every "
            + RETRY_MILLIS
            + " ms",
        e);
    failure =
        new ScoringException(
            ScoringErrorCode.STORE_FAILED,
            "lead store cannot write: "
                + (noSpace ? "no space left on device" : "an I/O error")
                + " (retrying)",
            List.of(),
            e);
    failedAt = System.nanoTime();
    nextAttempt = failedAt + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
    return true;
  }

  /** Whether the store has failed and it is time to try again. */
  boolean recoveryDue() {
    return failure != null && System.nanoTime() - nextAttempt >= 0;
  }

  /**
   * Opens the database again and writes the sequence high-water mark; on success writes resume.
   *
   * @param lastSequence the committer's last sequence
   * @return the durable last sequence once recovered, -1 if still failing
   */
  long recover(long lastSequence) {
    nextAttempt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
    if (noSpace && freeBytes() < MIN_FREE_BYTES) {
      return -1;
    }
    long durable;
    try {
      tables.reopen();
      durable = Math.max(lastSequence, tables.readSequence());
      try (WriteBatch probe = new WriteBatch()) {
        tables.putSequence(probe, durable);
        tables.write(probe);
      }
    } catch (RocksDBException | RuntimeException e) {
      RETRIES.log(
          Level.WARNING,
          "recover",
          () -> "lead store: still cannot write (" + e.getMessage() + "); retrying");
      return -1;
    }
    LOG.log(
        Level.INFO,
        "lead store: writes again after "
            + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - failedAt)
            + " s");
    failure = null;
    announce();
    return durable;
  }

  /** Tells the health listeners; a failing listener must not stop the commit thread. */
  void announce() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "lead store: health listener failed", e);
      }
    }
  }

  private long freeBytes() {
    try {
      return Files.getFileStore(tables.directory()).getUsableSpace();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }
}
