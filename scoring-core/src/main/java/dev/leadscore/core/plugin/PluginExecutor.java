package dev.leadscore.core.plugin;

import static java.util.Objects.requireNonNull;

import dev.leadscore.core.internal.ServerThreads;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the calls into one external plugin (its criteria, and its factories' {@code create}) so that
 * a plugin that blocks cannot hold a server thread past its limit, nor another plugin's threads.
 * Thread-safe.
 *
 * <p>Design notes: each plugin folder has its own executor: a bounded pool of daemon threads named
 * after the plugin, whose queue is bounded too. A call is handed to the pool and awaited for at
 * most {@code min(limit, time left until the call's deadline)}; on expiry the task is cancelled
 * (its thread interrupted) and the call fails with {@link CriterionLimitException}. A plugin that
 * ignores the interrupt keeps its thread, so a plugin that hangs for good can use up its own pool
 * and no more: other plugins' criteria run on their own pools, and built-in criteria never come
 * here. Repeated timeouts quarantine the plugin ({@link PluginQuarantine}): its calls then fail at
 * once, naming the plugin, until a trial call after the quarantine period finishes in time. The
 * price is a thread hop per external criterion and lead (some microseconds). An executor with a
 * zero criterion timeout runs everything on the caller's thread without a limit, for plugins an
 * operator trusts not to block.
 */
public final class PluginExecutor implements AutoCloseable {
  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int ABANDONED = 3;
  private static final int WITHDRAWN = 4;

  private final String plugin;
  private final @Nullable ThreadPoolExecutor pool;
  private final long criterionTimeoutNanos;
  private final long factoryTimeoutNanos;
  private final LongSupplier callNanosLeft;
  private final int threads;
  private final PluginQuarantine quarantine;

  private PluginExecutor(
      String plugin,
      @Nullable ThreadPoolExecutor pool,
      PluginLimits limits,
      LongSupplier callNanosLeft) {
    this.plugin = plugin;
    this.pool = pool;
    this.criterionTimeoutNanos = limits.criterionTimeout().toNanos();
    this.factoryTimeoutNanos = limits.factoryTimeout().toNanos();
    this.callNanosLeft = callNanosLeft;
    this.threads = limits.threads();
    this.quarantine =
        new PluginQuarantine(
            plugin,
            pool == null ? 0 : limits.quarantineAfter(),
            limits.quarantinePeriod().toNanos(),
            System::nanoTime);
  }

  /**
   * An executor for the plugin {@code plugin} within {@code limits}.
   *
   * @param callNanosLeft nanoseconds left until the deadline of the call being served, read on the
   *     caller's thread; {@link Long#MAX_VALUE} when the call has none
   */
  public static PluginExecutor create(
      String plugin, PluginLimits limits, LongSupplier callNanosLeft) {
    requireNonNull(plugin, "plugin");
    requireNonNull(limits, "limits");
    requireNonNull(callNanosLeft, "callNanosLeft");
    if (limits.criterionTimeout().isZero()) {
      return new PluginExecutor(plugin, null, limits, callNanosLeft);
    }
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            limits.threads(),
            limits.threads(),
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(limits.threads() * 4),
            ServerThreads.factory("leadscore-plugin-" + plugin.replace("%", "%%") + "-%d"));
    pool.allowCoreThreadTimeOut(true);
    return new PluginExecutor(plugin, pool, limits, callNanosLeft);
  }

  /** An executor that runs everything on the caller's thread, without a time limit. */
  public static PluginExecutor direct() {
    return create(
        "direct",
        PluginLimits.defaults().withCriterionLimits(Duration.ZERO, 1),
        () -> Long.MAX_VALUE);
  }

  /** The plugin folder's name. */
  public String plugin() {
    return plugin;
  }

  /** The longest one criterion may run; {@link Duration#ZERO} when unlimited. */
  public Duration criterionTimeout() {
    return pool == null ? Duration.ZERO : Duration.ofNanos(criterionTimeoutNanos);
  }

  /** Whether the plugin is quarantined now: its calls fail without running. */
  public boolean quarantined() {
    return quarantine.quarantined();
  }

  /** How many of its calls ran out of time since start-up. */
  public long timeouts() {
    return quarantine.timeouts();
  }

  /**
   * Threads of calls that ran out of time and have not returned yet (a plugin ignoring interrupts).
   */
  public int abandonedCalls() {
    return quarantine.abandonedCalls();
  }

  /**
   * Runs {@code listener} whenever the plugin enters or leaves quarantine; read {@link
   * #quarantined}.
   */
  public void onQuarantineChange(Runnable listener) {
    quarantine.addListener(requireNonNull(listener, "listener"));
  }

  /**
   * Scores: runs {@code work} with {@code classLoader} as the thread's context class loader, within
   * the criterion time limit.
   *
   * @throws CriterionLimitException when it did not finish in time, could not start or the plugin
   *     is quarantined
   */
  <T> T call(ClassLoader classLoader, Supplier<T> work) {
    return run(classLoader, work, criterionTimeoutNanos);
  }

  /** Creates a criterion: like {@link #call}, within the factory time limit. */
  <T> T create(ClassLoader classLoader, Supplier<T> work) {
    return run(classLoader, work, factoryTimeoutNanos);
  }

  private <T> T run(ClassLoader classLoader, Supplier<T> work, long timeoutNanos) {
    if (pool == null) {
      try {
        return withContextClassLoader(classLoader, work);
      } catch (Error e) {
        throw rethrow(e);
      }
    }
    long limit = Math.min(timeoutNanos, callNanosLeft.getAsLong());
    if (limit <= 0) {
      throw new CriterionLimitException("did not run: the call's deadline had passed");
    }
    PluginQuarantine.Admission admission = quarantine.admit();
    if (admission == PluginQuarantine.Admission.REFUSE) {
      throw new CriterionLimitException(
          "was not run: plugin "
              + plugin
              + " is quarantined after "
              + quarantine.after()
              + " consecutive timeouts");
    }
    AtomicInteger state = new AtomicInteger(QUEUED);
    Future<T> future;
    try {
      future = pool.submit(() -> runTask(state, classLoader, work));
    } catch (RejectedExecutionException e) {
      quarantine.probeDidNotRun(admission);
      throw new CriterionLimitException(
          "could not start: all " + threads + " threads of plugin " + plugin + " are busy");
    }
    try {
      T result = future.get(limit, TimeUnit.NANOSECONDS);
      quarantine.finished(admission);
      return result;
    } catch (TimeoutException e) {
      future.cancel(true);
      boolean neverStarted = state.compareAndSet(QUEUED, WITHDRAWN);
      boolean stillRunning = !neverStarted && state.compareAndSet(RUNNING, ABANDONED);
      quarantine.timedOut(admission, stillRunning);
      throw new CriterionLimitException(
          "did not finish within " + TimeUnit.NANOSECONDS.toMillis(limit) + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      quarantine.probeDidNotRun(admission);
      Thread.currentThread().interrupt();
      throw new CriterionLimitException("interrupted while waiting for the criterion");
    } catch (ExecutionException e) {
      quarantine.finished(admission);
      throw rethrow(e.getCause());
    }
  }

  private <T> @Nullable T runTask(AtomicInteger state, ClassLoader classLoader, Supplier<T> work) {
    if (!state.compareAndSet(QUEUED, RUNNING)) {
      return null; // Timed out while queued: the caller has moved on.
    }
    try {
      return withContextClassLoader(classLoader, work);
    } finally {
      if (!state.compareAndSet(RUNNING, DONE)) {
        quarantine.abandonedCallReturned();
      }
    }
  }

  /** Stops the pool's threads; calls still running are interrupted. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** Runs {@code work} with {@code classLoader} as the current thread's context class loader. */
  static <T> T withContextClassLoader(ClassLoader classLoader, Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classLoader);
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static RuntimeException rethrow(@Nullable Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof VirtualMachineError error) {
      throw error;
    }
    // A LinkageError or an assertion of the plugin: a plugin defect, failing this call only.
    // (getCause() is nullable by its type; for a failed task it is what the task threw.)
    return new IllegalStateException("the plugin failed: " + cause, cause);
  }
}
