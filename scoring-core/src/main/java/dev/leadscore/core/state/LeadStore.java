package dev.leadscore.core.state;

import dev.leadscore.proto.v1.AccountState;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where stateful streams keep leads: one {@link LeadState} per lead id plus a log of band
 * transitions. The embedded default is {@code RocksDbLeadStore} (module scoring-store-rocksdb); a
 * shared store (e.g. Redis Cluster) can back several servers by keeping the same contract, which
 * {@code dev.leadscore.store.testing.LeadStoreContractTest} (module scoring-store-testing) checks.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Per-lead atomic update.</b> {@link #update} reads a lead, runs the mutation and writes
 *       its result as one step: two updates of the same lead never interleave, and a reader sees
 *       the state before or after an update, never part of one. Updates of different leads do not
 *       wait for each other beyond what the store's writes need.
 *   <li><b>Durable when complete.</b> When the future of {@link #update} completes, or {@link
 *       #delete} returns, the change is written as durably as the store promises (see the
 *       implementation): a caller may acknowledge it. Until then readers may not see it.
 *   <li><b>Idempotency by event id.</b> An update with a non-empty event id that is among the last
 *       {@link LeadStoreConfig#maxEventIdsPerLead()} event ids applied to that lead is a duplicate:
 *       the mutation is not run and nothing is written. Older ids are forgotten. A deleted lead
 *       forgets its ids.
 *   <li><b>Transition log.</b> A transition returned by a mutation is appended to the log in the
 *       same atomic write as the state, with the next sequence number. Sequence numbers increase
 *       and are never reused, also across restarts; once {@link #lastSequence()} returns {@code s},
 *       every entry up to {@code s} is readable and no entry below {@code s} appears later.
 *   <li><b>Erasure.</b> {@link #delete} removes the lead's state, its event ids and its log
 *       entries; the log keeps gaps where they were. It works whatever is stored: a record that
 *       cannot be read (see {@link #get}) can still be erased.
 *   <li><b>Recovery.</b> A store that cannot write (a full disk) reports it through {@link
 *       #health()} and resumes writing when it can, without a restart; what it acknowledged before
 *       is kept.
 *   <li><b>Accounts</b> (stores whose {@link #supportsAccounts()} is true). An account is its
 *       members' entries plus its last {@link AccountState}. The {@link AccountChange}s of an
 *       update are applied in the same atomic write as the lead (or, in a store that cannot write
 *       them together, made durable with the lead and applied afterwards, replayed until applied:
 *       each change is idempotent by its version). A change applies only over an older entry; its
 *       {@link AccountMutation} then runs with the account updated, and the state and transition it
 *       returns are written with the change. Changes of one account are serialized: their mutations
 *       see each other's effects, and their transitions enter the log in the order the mutations
 *       ran. An account whose last member leaves is removed.
 *   <li><b>Scan.</b> {@link #scan} pages through every stored lead without holding them all: a lead
 *       stored before the scan starts and not deleted until it ends is returned at least once; a
 *       lead deleted before the scan starts is never returned.
 * </ul>
 *
 * <p>Implementations are thread-safe. Failures are unchecked: {@link
 * dev.leadscore.core.ScoringException} with {@link
 * dev.leadscore.core.ScoringErrorCode#STORE_FAILED}.
 *
 * @since 0.1
 */
public interface LeadStore extends AutoCloseable {

  /**
   * The stored state of a lead, empty if the store has none.
   *
   * @throws dev.leadscore.core.ScoringException {@link
   *     dev.leadscore.core.ScoringErrorCode#LEAD_UNREADABLE} if a record is stored but cannot be
   *     read; {@link #update} fails the same way for it, and {@link #delete} erases it
   */
  Optional<LeadState> get(String leadId);

  /**
   * Applies a change to one lead atomically; the returned future completes once the change is
   * durable. The futures of one lead's updates complete in the order the updates were made,
   * duplicates and failed mutations included, so a caller can answer them in that order.
   *
   * @param eventId the id that makes the change idempotent; empty for a change without one (a
   *     profile change), which is always applied
   * @param mutation given the current state ({@link LeadState#getDefaultInstance()} for a new
   *     lead), returns the next state and at most one transition. It runs before this method
   *     returns, on the calling thread. If it throws, nothing is written and the future fails with
   *     that exception.
   * @return completes with the outcome once durable, or fails with a {@link
   *     dev.leadscore.core.ScoringException} ({@link
   *     dev.leadscore.core.ScoringErrorCode#STORE_FAILED}) if the write failed
   */
  CompletableFuture<UpdateOutcome> update(String leadId, String eventId, LeadMutation mutation);

  /**
   * Erases a lead: state, event ids and transition log entries, after any update of it made before;
   * returns once durable.
   *
   * @return the number of log entries removed, or -1 if there was no such lead
   */
  long delete(String leadId);

  /**
   * Log entries with sequence {@code >= fromSequence}, in sequence order, at most {@code limit}.
   */
  List<BandTransition> transitions(long fromSequence, int limit);

  /** The sequence of the newest entry ever appended to the log; 0 before the first. */
  long lastSequence();

  /**
   * Calls {@code listener} after each append to the log, on the appending thread; it must return
   * quickly (e.g. schedule work elsewhere).
   *
   * @return closing it removes the listener
   */
  AutoCloseable onAppend(Runnable listener);

  /**
   * One page of stored leads, for reading many (evaluation, export, impact previews) without
   * loading them all at once. Start with an empty cursor and pass each page's {@link LeadPage#next}
   * until it is empty. A page holds at most {@code limit} leads and may hold fewer, even none,
   * before the end. What a scan sees of changes made while it runs is up to the store, except as
   * the contract says; a store may return a lead more than once (say so in its documentation).
   *
   * @param cursor empty for the first page, else a {@link LeadPage#next} of this store
   * @param limit the most leads to return, at least 1
   * @throws IllegalArgumentException for a cursor this store did not hand out, or {@code limit < 1}
   * @throws UnsupportedOperationException if the store cannot scan (the default)
   * @since 0.3
   */
  default LeadPage scan(String cursor, int limit) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot scan its leads");
  }

  /**
   * Whether the store takes writes now. Stores that can fail and recover (a full disk, a lost
   * connection) override it, and {@link #onHealthChange}; the default is always serving.
   *
   * @since 0.3
   */
  default StoreHealth health() {
    return StoreHealth.SERVING;
  }

  /**
   * Calls {@code listener} after each change of {@link #health()}, on the store's thread; it must
   * return quickly.
   *
   * @return closing it removes the listener
   * @since 0.3
   */
  default AutoCloseable onHealthChange(Runnable listener) {
    return () -> {};
  }

  /**
   * Whether this store keeps accounts: writes {@link LeadUpdate#accountChanges()} and answers
   * {@link #readAccount}. The default is false: such a store ignores account changes.
   *
   * @since 0.3
   */
  default boolean supportsAccounts() {
    return false;
  }

  /**
   * Reads an account while holding it: {@code reader} sees its members with every change made so
   * far and its stored state, consistent with each other.
   *
   * @return what {@code reader} returns, or empty if the account has no member (or the store keeps
   *     no accounts)
   * @since 0.3
   */
  default <T> Optional<T> readAccount(AccountKey account, AccountReader<T> reader) {
    return Optional.empty();
  }

  /**
   * Erases a lead as {@link #delete(String)} does and removes it from its accounts: {@code
   * deletion}, given the lead's last state, returns the removals, which are applied (and their
   * mutations run) in the same atomic write. The default, for stores without accounts, ignores
   * {@code deletion}.
   *
   * @return the number of log entries removed, or -1 if there was no such lead
   * @since 0.3
   */
  default long delete(String leadId, LeadDeletion deletion) {
    return delete(leadId);
  }

  /** Completes the updates made so far, then releases the store's resources. Later calls fail. */
  @Override
  void close();
}
