package dev.leadscore.store.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The newest log sequence this process knows of, and the listeners told when it moves. It moves on
 * this process's own appends (before their updates complete) and on other processes' appends seen
 * by {@link TransitionTail}; whichever sees a sequence first tells the listeners, once. Listeners
 * run under this object's lock, so when {@link #advance} returns, they have been told about its
 * sequence, whoever told them.
 */
final class LogHead {
  private static final System.Logger LOG = System.getLogger(LogHead.class.getName());

  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile long sequence;

  LogHead(long sequence) {
    this.sequence = sequence;
  }

  long sequence() {
    return sequence;
  }

  synchronized void advance(long to) {
    if (to <= sequence) {
      return;
    }
    sequence = to;
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        // A failing listener must not stop appends from being announced to the others.
        LOG.log(Level.WARNING, "lead store: transition listener failed", e);
      }
    }
  }

  AutoCloseable listen(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
