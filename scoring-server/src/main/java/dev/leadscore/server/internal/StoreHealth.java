package dev.leadscore.server.internal;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.leadscore.core.state.LeadStore;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports the lead store's health through gRPC health: asks {@link LeadStore#healthy()} every
 * {@code interval} on one daemon thread and sets the services that need the store to {@code
 * SERVING} or {@code NOT_SERVING} when the answer changes, logging each change once, and runs
 * {@code onLost} when the store is lost. Once the health manager has entered its terminal state
 * (shutdown), its statuses no longer change.
 */
public final class StoreHealth implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(StoreHealth.class.getName());

  private final ScheduledExecutorService executor;

  private StoreHealth(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /**
   * Starts checking {@code store} every {@code interval}; {@code services} are the health names
   * that follow it.
   */
  public static StoreHealth start(
      LeadStore store,
      HealthStatusManager health,
      List<String> services,
      Duration interval,
      Runnable onLost) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder()
                .setNameFormat("leadscore-store-health")
                .setDaemon(true)
                .build());
    List<String> names = List.copyOf(services);
    boolean[] last = {true};
    executor.scheduleWithFixedDelay(
        () -> {
          boolean healthy;
          try {
            healthy = store.healthy();
          } catch (RuntimeException e) {
            healthy = false;
          }
          if (healthy == last[0]) {
            return;
          }
          last[0] = healthy;
          ServingStatus status = healthy ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
          names.forEach(name -> health.setStatus(name, status));
          if (!healthy) {
            try {
              onLost.run();
            } catch (RuntimeException e) {
              // A thrown task would cancel every later check.
              LOG.log(Level.WARNING, "ending watches after the store was lost failed", e);
            }
          }
          LOG.log(
              healthy ? Level.INFO : Level.WARNING,
              healthy
                  ? "lead store reachable again: health SERVING"
                  : "lead store unreachable: health NOT_SERVING, stateful calls fail with"
                      + " UNAVAILABLE until it is back");
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return new StoreHealth(executor);
  }

  /** Stops checking. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
