package dev.leadscore.store.redis;

import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns what Redis or the client threw into the store's one failure, {@link
 * ScoringErrorCode#STORE_FAILED} with a message safe to show to clients; the cause goes to the log
 * (at most once a second, so an outage does not flood it) and stays attached for the server's.
 */
final class StoreFailures {
  private static final System.Logger LOG = System.getLogger(RedisLeadStore.class.getName());
  private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;
  private static final AtomicLong lastLogged =
      new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

  private StoreFailures() {}

  /** The failure of {@code what} (e.g. "update lead x"); a ScoringException passes unchanged. */
  static ScoringException failed(String what, Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof ScoringException scoring) {
      return scoring;
    }
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
      LOG.log(Level.WARNING, "redis lead store: cannot " + what, cause);
    }
    return new ScoringException(
        ScoringErrorCode.STORE_FAILED, "lead store unavailable", List.of(), cause);
  }

  static ScoringException failed(String message) {
    return new ScoringException(ScoringErrorCode.STORE_FAILED, message);
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
