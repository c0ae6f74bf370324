package dev.leadscore.server.events;

import dev.leadscore.core.internal.ServerThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Single-threaded lanes that keep the inputs of one lead in order while different leads proceed in
 * parallel: a lead always maps to the same lane, a lane runs its tasks one at a time in submission
 * order. No lock is shared between lanes.
 */
final class LeadLanes {
  private final ExecutorService[] lanes;

  LeadLanes(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("lanes: " + count + " (expected: >= 1)");
    }
    lanes = new ExecutorService[count];
    for (int i = 0; i < count; i++) {
      lanes[i] = Executors.newSingleThreadExecutor(ServerThreads.factory("leadscore-lane-" + i));
    }
  }

  /**
   * Runs {@code task} after every task submitted earlier for the same lead.
   *
   * @throws java.util.concurrent.RejectedExecutionException after {@link #shutdown}
   */
  void execute(String leadId, Runnable task) {
    int hash = leadId.hashCode();
    lanes[Math.floorMod(hash ^ (hash >>> 16), lanes.length)].execute(task);
  }

  /** Lets queued tasks finish, for up to {@code millis}. */
  void shutdown(long millis) throws InterruptedException {
    for (ExecutorService lane : lanes) {
      lane.shutdown();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (ExecutorService lane : lanes) {
      lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }
}
