package dev.leadscore.core.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadFactory;

/**
 * The threads the server owns (stream lanes, the store's commit thread, the transition feed, the
 * model watcher, plugin workers, the metrics endpoint) and what happens when one of them fails.
 *
 * <p>Design notes: a server thread that dies of an {@link Error} (out of memory, a stack overflow,
 * a linkage error) leaves the server half-dead — the commit thread gone means no write ever
 * completes again, a dead watcher means no model change is ever seen — while health still says
 * {@code SERVING}. So an {@code Error} ends the process: one log line naming the thread and the
 * error, then {@link Runtime#halt} with {@link #FATAL_EXIT_STATUS}. {@code halt}, not {@code exit}:
 * shutdown hooks would try to drain through the broken parts and report a clean stop. Every write
 * acknowledged before is already in the store's log, which recovers it on the next start. An
 * exception (not an error) is logged and the thread's executor goes on with a new thread.
 *
 * <p>Errors on gRPC's own handler threads are not covered: there an {@code Error} fails that one
 * call and grpc-java replaces the thread, so the server is not left half-dead. Out-of-memory errors
 * anywhere are the JVM's job: the launcher runs it with {@code -XX:+ExitOnOutOfMemoryError}.
 */
public final class ServerThreads {
  /** The process's exit status after a fatal error on a server thread (EX_SOFTWARE). */
  public static final int FATAL_EXIT_STATUS = 70;

  private static final System.Logger LOG = System.getLogger(ServerThreads.class.getName());
  private static final Thread.UncaughtExceptionHandler POLICY = ServerThreads::uncaught;

  private ServerThreads() {}

  /**
   * A factory of daemon threads named by {@code nameFormat} (a {@link String#format} pattern with
   * one {@code %d}, or a fixed name) that follow this class's policy.
   */
  public static ThreadFactory factory(String nameFormat) {
    requireNonNull(nameFormat, "nameFormat");
    return new ThreadFactoryBuilder()
        .setNameFormat(nameFormat)
        .setDaemon(true)
        .setUncaughtExceptionHandler(POLICY)
        .build();
  }

  /** A daemon thread named {@code name} running {@code task}, following this class's policy. */
  public static Thread thread(String name, Runnable task) {
    Thread thread = new Thread(requireNonNull(task, "task"), requireNonNull(name, "name"));
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(POLICY);
    return thread;
  }

  /**
   * What to do with a failure a task caught instead of letting it reach its thread (a scheduled
   * task, a future's callback): an {@code Error} ends the process as on any server thread, an
   * exception is logged.
   */
  public static void failed(Throwable failure) {
    uncaught(Thread.currentThread(), failure);
  }

  private static void uncaught(Thread thread, Throwable failure) {
    if (failure instanceof Error) {
      fatal(thread, failure);
    } else {
      LOG.log(Level.ERROR, "unexpected failure on thread " + thread.getName(), failure);
    }
  }

  private static void fatal(Thread thread, Throwable error) {
    try {
      // One line, without the stack: formatting a trace may itself fail when memory is gone.
      String line =
          "leadscore: fatal "
              + error.getClass().getName()
              + (error.getMessage() == null ? "" : ": " + error.getMessage())
              + " on thread "
              + thread.getName()
              + "; exiting with status "
              + FATAL_EXIT_STATUS;
      LOG.log(Level.ERROR, line);
      System.err.println(line);
      System.err.flush();
    } catch (Throwable ignored) {
      // Nothing more can be said; exit all the same.
    } finally {
      Runtime.getRuntime().halt(FATAL_EXIT_STATUS);
    }
  }
}
