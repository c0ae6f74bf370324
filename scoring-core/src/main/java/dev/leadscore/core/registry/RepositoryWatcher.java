package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import dev.leadscore.core.internal.ServerThreads;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Picks up changes made to a {@link ModelRepository} by hand: refreshes it on one daemon thread
 * every {@code interval}. A failing refresh is logged and retried on the next tick; it never stops
 * the watcher or the server.
 *
 * <p>Polling rather than {@link java.nio.file.WatchService}: a scan of stamps is cheap, and
 * WatchService misses events on network and container file systems and polls every few seconds on
 * macOS.
 */
public final class RepositoryWatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RepositoryWatcher.class.getName());

  private final ScheduledExecutorService executor;

  private RepositoryWatcher(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Starts refreshing {@code repository} every {@code interval}. */
  public static RepositoryWatcher start(ModelRepository repository, Duration interval) {
    requireNonNull(repository, "repository");
    requireNonNull(interval, "interval");
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            ServerThreads.factory("leadscore-model-watcher"));
    executor.scheduleWithFixedDelay(
        () -> refresh(repository), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return new RepositoryWatcher(executor);
  }

  private static void refresh(ModelRepository repository) {
    try {
      repository.refresh();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // A thrown task would cancel every later tick.
      LOG.log(Level.WARNING, "cannot refresh the model directory " + repository.root(), e);
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
