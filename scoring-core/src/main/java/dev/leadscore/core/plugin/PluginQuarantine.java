package dev.leadscore.core.plugin;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Whether one plugin may run calls: a circuit breaker on timeouts. Thread-safe; lock-free on the
 * path of a call.
 *
 * <p>Design notes: after {@code after} consecutive timeouts the plugin is quarantined and its calls
 * are refused without running, so that a plugin that hangs stops costing each caller the full time
 * limit and stops adding threads that will never come back. Recovery is automatic but careful: once
 * {@code period} has passed <em>and</em> every call that timed out has returned its thread (a
 * plugin that ignores interrupts never does, and then stays quarantined until the server restarts),
 * one trial call runs; if it finishes in time the quarantine is lifted, if it times out the period
 * starts again. A call that throws quickly counts as finished in time: quarantine is about time,
 * and failures are counted elsewhere ({@link CriterionFailures}). Only the first trial call is let
 * through; the others are refused while it runs.
 */
final class PluginQuarantine {
  private static final System.Logger LOG = System.getLogger(PluginQuarantine.class.getName());

  /** What a call may do now. */
  enum Admission {
    /** Run as usual. */
    RUN,
    /** Run as the one trial call of a quarantined plugin; report its outcome. */
    PROBE,
    /** Do not run: the plugin is quarantined. */
    REFUSE,
  }

  private final String plugin;
  private final int after;
  private final long periodNanos;
  private final LongSupplier nanoTime;
  private final AtomicInteger consecutiveTimeouts = new AtomicInteger();
  private final LongAdder timeouts = new LongAdder();
  private final AtomicInteger abandoned = new AtomicInteger();
  private final AtomicBoolean probing = new AtomicBoolean();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean quarantined;
  private volatile long since;

  PluginQuarantine(String plugin, int after, long periodNanos, LongSupplier nanoTime) {
    this.plugin = plugin;
    this.after = after;
    this.periodNanos = periodNanos;
    this.nanoTime = nanoTime;
  }

  Admission admit() {
    if (!quarantined) {
      return Admission.RUN;
    }
    if (nanoTime.getAsLong() - since >= periodNanos
        && abandoned.get() == 0
        && probing.compareAndSet(false, true)) {
      return Admission.PROBE;
    }
    return Admission.REFUSE;
  }

  /** A call finished (or threw) within its limit. */
  void finished(Admission admission) {
    consecutiveTimeouts.set(0);
    if (admission == Admission.PROBE) {
      quarantined = false;
      probing.set(false);
      LOG.log(Level.INFO, "plugin {0}: a trial call finished in time; quarantine lifted", plugin);
      notifyListeners();
    }
  }

  /** A call ran out of time; {@code stillRunning} if its thread has not come back. */
  void timedOut(Admission admission, boolean stillRunning) {
    timeouts.increment();
    if (stillRunning) {
      abandoned.incrementAndGet();
    }
    int inARow = consecutiveTimeouts.incrementAndGet();
    if (admission == Admission.PROBE) {
      since = nanoTime.getAsLong();
      probing.set(false);
      LOG.log(Level.WARNING, "plugin {0}: the trial call timed out; still quarantined", plugin);
    } else if (after > 0 && inARow >= after && !quarantined) {
      since = nanoTime.getAsLong();
      quarantined = true;
      LOG.log(
          Level.WARNING,
          "plugin {0}: quarantined after {1} consecutive timeouts; its criteria fail at once"
              + " until a trial call finishes in time",
          plugin,
          inARow);
      notifyListeners();
    }
  }

  /** A call that timed out has returned its thread at last. */
  void abandonedCallReturned() {
    abandoned.decrementAndGet();
  }

  /** A trial call could not start (e.g. the pool was full): let another one try. */
  void probeDidNotRun(Admission admission) {
    if (admission == Admission.PROBE) {
      probing.set(false);
    }
  }

  boolean quarantined() {
    return quarantined;
  }

  long timeouts() {
    return timeouts.sum();
  }

  int abandonedCalls() {
    return abandoned.get();
  }

  int after() {
    return after;
  }

  void addListener(Runnable listener) {
    listeners.add(listener);
  }

  private void notifyListeners() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a quarantine listener of plugin " + plugin + " failed", e);
      }
    }
  }
}
