package dev.leadscore.server.events;

import com.google.common.annotations.VisibleForTesting;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.internal.Echoes;
import dev.leadscore.core.internal.ServerThreads;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.registry.ModelSelector;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.proto.v1.Band;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.WatchTransitionsRequest;
import dev.leadscore.server.internal.ScoringStatuses;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Serves {@code WatchTransitions}: one {@link TransitionWatcher} per call, woken by the store's
 * append notification (no polling) and by the call's on-ready handler.
 */
public final class TransitionFeed {
  private final LeadStore store;
  private final ModelRegistry registry;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(ServerThreads.factory("leadscore-transitions"));
  private final Set<TransitionWatcher> watchers = ConcurrentHashMap.newKeySet();
  private final AutoCloseable registration;

  public TransitionFeed(LeadStore store, ModelRegistry registry) {
    this.store = store;
    this.registry = registry;
    this.registration = store.onAppend(this::wakeAll);
  }

  /**
   * Starts a watch.
   *
   * @throws dev.leadscore.core.ScoringException for a bad request or an unknown model
   */
  public void watch(
      WatchTransitionsRequest request, ServerCallStreamObserver<BandTransition> responses) {
    watch(request, responses, false);
  }

  /**
   * Starts a watch of lead transitions, or of account transitions when {@code accounts}.
   *
   * @throws dev.leadscore.core.ScoringException for a bad request or an unknown model
   */
  public void watch(
      WatchTransitionsRequest request,
      ServerCallStreamObserver<BandTransition> responses,
      boolean accounts) {
    validate(request);
    TransitionWatcher watcher =
        new TransitionWatcher(
            store,
            executor,
            responses,
            request.getModel(),
            new HashSet<>(request.getBandsList()),
            accounts,
            request.getFromSequence(),
            watchers::remove);
    responses.setOnCancelHandler(
        () -> {
          watcher.cancel();
          watchers.remove(watcher);
        });
    responses.setOnReadyHandler(watcher::schedule);
    watchers.add(watcher);
    watcher.schedule();
  }

  private void validate(WatchTransitionsRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    if (request.getFromSequence() < 0) {
      violations.add(
          new FieldViolation(
              "from_sequence", request.getFromSequence() + " (expected: 0 or a sequence >= 1)"));
    }
    if (!request.getModel().isEmpty()) {
      CompiledModel model = registry.resolve(new ModelSelector(request.getModel(), 0, "")).model();
      Set<String> known =
          model.document().getBandsList().stream().map(Band::getName).collect(Collectors.toSet());
      for (int i = 0; i < request.getBandsCount(); i++) {
        if (!known.contains(request.getBands(i))) {
          violations.add(
              new FieldViolation(
                  "bands[" + i + "]",
                  Echoes.quoted(request.getBands(i))
                      + " (expected: a band of model "
                      + model.name()
                      + ": "
                      + String.join(", ", known.stream().sorted().toList())
                      + ")"));
        }
      }
    }
    if (!violations.isEmpty()) {
      throw ScoringStatuses.invalidRequest(violations);
    }
  }

  private void wakeAll() {
    for (TransitionWatcher watcher : watchers) {
      watcher.schedule();
    }
  }

  /** Messages sent to all current watchers. */
  @VisibleForTesting
  public long sentForTest() {
    return watchers.stream().mapToLong(TransitionWatcher::sent).sum();
  }

  @VisibleForTesting
  public int watchersForTest() {
    return watchers.size();
  }

  /**
   * Ends every watch with {@code UNAVAILABLE} so that clients reconnect (to another server) with
   * their last sequence, instead of holding a graceful shutdown open: a watch never ends by itself.
   */
  public void endWatches() {
    endWatches(
        Status.UNAVAILABLE.withDescription("server shutting down; reconnect with from_sequence"));
  }

  /** Ends every watch with {@code status}, e.g. when the store became unreachable. */
  public void endWatches(Status status) {
    for (TransitionWatcher watcher : watchers) {
      watchers.remove(watcher);
      watcher.end(status);
    }
  }

  public void shutdown(long millis) throws InterruptedException {
    try {
      registration.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    executor.shutdownNow();
    executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
  }
}
