package dev.leadscore.server.events;

import dev.leadscore.core.state.LeadStore;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.server.internal.ScoringStatuses;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One {@code WatchTransitions} call. Reads the log in pages from its next sequence and sends only
 * while the client keeps up ({@code isReady}); when it is not ready or has caught up it stops, and
 * the on-ready handler or the store's append notification schedules it again. So a slow client
 * costs at most one page of memory, never a growing queue. Drains run on the feed's single thread,
 * one at a time. When the store fails (a shared store out of reach), the call ends with {@code
 * UNAVAILABLE}: the client resumes from its last sequence, here or on another replica, rather than
 * wait on a watch that cannot move.
 */
final class TransitionWatcher {
  static final int PAGE = 128;

  private final LeadStore store;
  private final Executor executor;
  private final ServerCallStreamObserver<BandTransition> responses;
  private final String model;
  private final Set<String> bands;
  private final boolean accounts;
  private final Consumer<TransitionWatcher> ended;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean cancelled;
  private volatile long sent;
  // Confined to the drain, which runs on one thread at a time.
  private long next;

  TransitionWatcher(
      LeadStore store,
      Executor executor,
      ServerCallStreamObserver<BandTransition> responses,
      String model,
      Set<String> bands,
      boolean accounts,
      long fromSequence,
      Consumer<TransitionWatcher> ended) {
    this.store = store;
    this.executor = executor;
    this.responses = responses;
    this.model = model;
    this.bands = Set.copyOf(bands);
    this.accounts = accounts;
    this.next = Math.max(1, fromSequence);
    this.ended = ended;
  }

  void schedule() {
    if (!cancelled && scheduled.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  void cancel() {
    cancelled = true;
  }

  /** Ends the call with {@code status}; runs on the feed's thread, after any drain in progress. */
  void end(Status status) {
    cancelled = true;
    executor.execute(() -> responses.onError(status.asRuntimeException()));
  }

  long sent() {
    return sent;
  }

  private void drain() {
    scheduled.set(false);
    try {
      send();
    } catch (RuntimeException e) {
      if (!cancelled) {
        cancelled = true;
        ended.accept(this);
        responses.onError(ScoringStatuses.toStatusException(e));
      }
    }
  }

  private void send() {
    while (!cancelled && responses.isReady()) {
      long last = store.lastSequence();
      if (next > last) {
        return;
      }
      List<BandTransition> page = store.transitions(next, PAGE);
      if (page.isEmpty()) {
        next = last + 1;
        continue;
      }
      for (BandTransition transition : page) {
        if (cancelled || !responses.isReady()) {
          return;
        }
        next = transition.getSequence() + 1;
        if (matches(transition)) {
          responses.onNext(transition);
          sent++;
        }
      }
    }
  }

  /** A lead watch never sees account transitions, so clients from before accounts see no change. */
  private boolean matches(BandTransition transition) {
    return accounts == !transition.getAccountId().isEmpty()
        && (model.isEmpty() || model.equals(transition.getModel().getName()))
        && (bands.isEmpty() || bands.contains(transition.getToBand()));
  }
}
