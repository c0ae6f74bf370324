package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import dev.leadscore.core.internal.ServerThreads;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Picks up changes made to a {@link ModelStore} elsewhere (files changed by hand, writes through
 * another replica): refreshes it on one daemon thread every {@code interval}. A failing refresh is
 * retried on the next tick; it never stops the watcher or the server. Failures are logged when they
 * start and when they end, not on every tick, so an outage of a shared store does not flood the
 * log.
 *
 * <p>Polling rather than {@link java.nio.file.WatchService}: a scan of stamps is cheap, and
 * WatchService misses events on network and container file systems and polls every few seconds on
 * macOS.
 */
public final class RepositoryWatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RepositoryWatcher.class.getName());

  private final ScheduledExecutorService executor;
  // Confined to the executor's one thread.
  private boolean failing;

  private RepositoryWatcher(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Starts refreshing {@code repository} every {@code interval}. */
  public static RepositoryWatcher start(ModelStore repository, Duration interval) {
    requireNonNull(repository, "repository");
    requireNonNull(interval, "interval");
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            ServerThreads.factory("leadscore-model-watcher"));
    RepositoryWatcher watcher = new RepositoryWatcher(executor);
    executor.scheduleWithFixedDelay(
        () -> watcher.refresh(repository),
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return watcher;
  }

  private void refresh(ModelStore repository) {
    try {
      repository.refresh();
      if (failing) {
        failing = false;
        LOG.log(Level.INFO, "models refreshed again from {0}", repository.location());
      }
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // A thrown task would cancel every later tick.
      if (!failing) {
        failing = true;
        LOG.log(
            Level.WARNING,
            "cannot refresh the models from "
                + repository.location()
                + "; serving the models read before, retrying",
            e);
      }
    } catch (Error e) {
      // The scheduler would keep it in the task's future: the watcher would stop unseen.
      ServerThreads.failed(e);
    }
  }

  /** Stops watching. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
