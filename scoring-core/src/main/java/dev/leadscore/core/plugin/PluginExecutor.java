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
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the criteria of external plugins so that one that blocks cannot hold a server thread past
 * its limit. Thread-safe.
 *
 * <p>Design notes: each evaluation is handed to a bounded pool of daemon threads and awaited for at
 * most {@code min(criterion timeout, time left until the call's deadline)}; on expiry the task is
 * cancelled (its thread interrupted) and the call fails with {@link CriterionLimitException}. The
 * pool's threads and queue are bounded, so a plugin that hangs for good uses up at most the pool,
 * after which its calls fail at once instead of piling up. The price is a thread hop per external
 * criterion and lead (some microseconds); built-in criteria never come here. An executor with a
 * zero timeout runs criteria on the caller's thread without a limit, for plugins an operator trusts
 * not to block.
 */
public final class PluginExecutor implements AutoCloseable {
  private final @Nullable ThreadPoolExecutor pool;
  private final long timeoutNanos;
  private final LongSupplier callNanosLeft;
  private final int threads;

  private PluginExecutor(
      @Nullable ThreadPoolExecutor pool,
      long timeoutNanos,
      LongSupplier callNanosLeft,
      int threads) {
    this.pool = pool;
    this.timeoutNanos = timeoutNanos;
    this.callNanosLeft = callNanosLeft;
    this.threads = threads;
  }

  /**
   * An executor bounding each criterion call by {@code criterionTimeout} and by the caller's
   * deadline.
   *
   * @param criterionTimeout the longest one criterion may run; {@link Duration#ZERO} runs criteria
   *     on the caller's thread without a limit
   * @param threads the most criteria that run at once
   * @param callNanosLeft nanoseconds left until the deadline of the call being served, read on the
   *     caller's thread; {@link Long#MAX_VALUE} when the call has none
   */
  public static PluginExecutor create(
      Duration criterionTimeout, int threads, LongSupplier callNanosLeft) {
    requireNonNull(criterionTimeout, "criterionTimeout");
    requireNonNull(callNanosLeft, "callNanosLeft");
    if (criterionTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "criterionTimeout: " + criterionTimeout + " (expected: >= 0)");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
    }
    if (criterionTimeout.isZero()) {
      return new PluginExecutor(null, Long.MAX_VALUE, callNanosLeft, threads);
    }
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(threads * 4),
            ServerThreads.factory("leadscore-plugin-%d"));
    pool.allowCoreThreadTimeOut(true);
    return new PluginExecutor(pool, criterionTimeout.toNanos(), callNanosLeft, threads);
  }

  /** An executor that runs criteria on the caller's thread, without a time limit. */
  public static PluginExecutor direct() {
    return create(Duration.ZERO, 1, () -> Long.MAX_VALUE);
  }

  /** The longest one criterion may run; {@link Duration#ZERO} when unlimited. */
  public Duration criterionTimeout() {
    return pool == null ? Duration.ZERO : Duration.ofNanos(timeoutNanos);
  }

  /**
   * Runs {@code work} with {@code classLoader} as the thread's context class loader, within the
   * limits.
   *
   * @throws CriterionLimitException when it did not finish in time or could not start
   */
  <T> T call(ClassLoader classLoader, Supplier<T> work) {
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
    Future<T> future;
    try {
      future = pool.submit(() -> withContextClassLoader(classLoader, work));
    } catch (RejectedExecutionException e) {
      throw new CriterionLimitException(
          "could not start: all " + threads + " plugin threads are busy");
    }
    try {
      return future.get(limit, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new CriterionLimitException(
          "did not finish within " + TimeUnit.NANOSECONDS.toMillis(limit) + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new CriterionLimitException("interrupted while waiting for the criterion");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /** Stops the pool's threads; criteria still running are interrupted. */
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

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof VirtualMachineError error) {
      throw error;
    }
    // A LinkageError or an assertion of the plugin: a plugin defect, failing this call only.
    return new IllegalStateException("the plugin failed: " + cause, cause);
  }
}
