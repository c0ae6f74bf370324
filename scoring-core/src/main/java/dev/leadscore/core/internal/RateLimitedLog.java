package dev.leadscore.core.internal;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Logs a failure that callers can repeat at will (a malformed request, a lead whose record cannot
 * be read) once per cause and then at most once per interval, with the number of repeats left out
 * in between, and never with a stack trace: 20,000 bad requests must not write 20,000 log entries.
 * Thread-safe.
 */
public final class RateLimitedLog {
  /** Causes beyond this many share one entry, so a stream of distinct causes stays bounded. */
  private static final int MAX_CAUSES = 256;

  private static final String OTHER = "(other causes)";

  private final System.Logger log;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Cause> causes = new ConcurrentHashMap<>();

  private static final class Cause {
    final AtomicLong nextLog;
    final AtomicLong suppressed = new AtomicLong();

    Cause(long first) {
      nextLog = new AtomicLong(first);
    }
  }

  public RateLimitedLog(System.Logger log, Duration interval) {
    this(log, interval, System::nanoTime);
  }

  RateLimitedLog(System.Logger log, Duration interval, LongSupplier nanoTime) {
    this.log = requireNonNull(log, "log");
    this.intervalNanos = requireNonNull(interval, "interval").toNanos();
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * Logs {@code message} at {@code level} if {@code cause} was not logged within the interval;
   * otherwise counts it. The message is built only when it is logged.
   */
  public void log(Level level, String cause, Supplier<String> message) {
    long now = nanoTime.getAsLong();
    String key = causes.size() >= MAX_CAUSES && !causes.containsKey(cause) ? OTHER : cause;
    Cause entry = causes.computeIfAbsent(key, k -> new Cause(now));
    long next = entry.nextLog.get();
    if (now - next < 0 || !entry.nextLog.compareAndSet(next, now + intervalNanos)) {
      entry.suppressed.incrementAndGet();
      return;
    }
    long suppressed = entry.suppressed.getAndSet(0);
    log.log(
        level,
        message.get()
            + (suppressed == 0 ? "" : " (" + suppressed + " more like it since the last report)")
            + "; repeats are reported at most every "
            + Duration.ofNanos(intervalNanos).toSeconds()
            + " s");
  }
}
