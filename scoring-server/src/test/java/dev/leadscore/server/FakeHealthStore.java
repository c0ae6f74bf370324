package dev.leadscore.server;

import dev.leadscore.core.state.LeadMutation;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.StoreHealth;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real store whose health a test switches, as a store that loses its disk and gets it back would
 * report it; everything else goes to the store it wraps.
 */
final class FakeHealthStore implements LeadStore {
  private final LeadStore store;
  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile StoreHealth health = StoreHealth.SERVING;

  FakeHealthStore(LeadStore store) {
    this.store = store;
  }

  void setHealth(StoreHealth health) {
    this.health = health;
    listeners.forEach(Runnable::run);
  }

  @Override
  public StoreHealth health() {
    return health;
  }

  @Override
  public AutoCloseable onHealthChange(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public Optional<LeadState> get(String leadId) {
    return store.get(leadId);
  }

  @Override
  public CompletableFuture<UpdateOutcome> update(
      String leadId, String eventId, LeadMutation mutation) {
    return store.update(leadId, eventId, mutation);
  }

  @Override
  public long delete(String leadId) {
    return store.delete(leadId);
  }

  @Override
  public List<BandTransition> transitions(long fromSequence, int limit) {
    return store.transitions(fromSequence, limit);
  }

  @Override
  public long lastSequence() {
    return store.lastSequence();
  }

  @Override
  public AutoCloseable onAppend(Runnable listener) {
    return store.onAppend(listener);
  }

  @Override
  public void close() {
    store.close();
  }
}
