package dev.leadscore.server.internal;

import io.grpc.Context;
import io.grpc.Deadline;
import java.util.concurrent.TimeUnit;

/**
 * The deadline and cancellation of the gRPC call being served on the current thread, for plugin
 * time limits and for stopping costly rules.
 */
public final class CallDeadlines {
  private CallDeadlines() {}

  /**
   * Nanoseconds left until the current call's deadline; {@link Long#MAX_VALUE} when it has none.
   */
  public static long nanosLeft() {
    Deadline deadline = Context.current().getDeadline();
    return deadline == null ? Long.MAX_VALUE : deadline.timeRemaining(TimeUnit.NANOSECONDS);
  }

  /**
   * Whether the current call was cancelled by its client or ran past its deadline; false on a
   * thread that serves no call (e.g. a stream lane).
   */
  public static boolean cancelled() {
    return Context.current().isCancelled();
  }
}
