package dev.leadscore.server.internal;

import io.grpc.Context;
import io.grpc.Deadline;
import java.util.concurrent.TimeUnit;

/** The deadline of the gRPC call being served on the current thread, for plugin time limits. */
public final class CallDeadlines {
  private CallDeadlines() {}

  /**
   * Nanoseconds left until the current call's deadline; {@link Long#MAX_VALUE} when it has none.
   */
  public static long nanosLeft() {
    Deadline deadline = Context.current().getDeadline();
    return deadline == null ? Long.MAX_VALUE : deadline.timeRemaining(TimeUnit.NANOSECONDS);
  }
}
