package dev.leadscore.store.rocksdb;

import dev.leadscore.core.state.AccountAggregate;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.proto.v1.AccountMember;
import dev.leadscore.proto.v1.AccountState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Accounts in memory: each an {@link AccountAggregate} of its members plus its stored state, loaded
 * from the database on first use (one prefix scan of its members) and kept up to date by the
 * store's writes, so a member change costs O(log n) whatever the account's size.
 *
 * <p>Design notes. A holder is used under its own lock; a store locks the holders of one update in
 * key order (so two updates never wait for each other in a cycle) and keeps them locked until its
 * write is queued, so an account's changes reach the log in the order their mutations ran. The
 * cache is bounded by the members it holds (plus one per account): the least recently used accounts
 * are dropped, except those with writes still queued (their changes are not in the database yet, so
 * a reload would miss them) and those in use. A dropped holder is marked so that a thread that
 * found it just before retries with a fresh one.
 */
final class AccountCache {
  private static final int EVICTION_SCAN = 64;

  /** One account. Fields other than {@code pending} are guarded by {@code lock}. */
  static final class Holder {
    final AccountKey key;
    final ReentrantLock lock = new ReentrantLock();

    /** Writes queued and not yet written. */
    final AtomicInteger pending = new AtomicInteger();

    @Nullable AccountAggregate aggregate;
    AccountState state = AccountState.getDefaultInstance();
    int weight;
    volatile boolean dropped;

    Holder(AccountKey key) {
      this.key = key;
    }

    AccountAggregate aggregate() {
      if (aggregate == null) {
        throw new IllegalStateException("account " + key + " not loaded");
      }
      return aggregate;
    }
  }

  /** What loading an account reads from the database. */
  record Stored(List<AccountMember> members, @Nullable AccountState state) {}

  private final long maxMembers;
  private final Function<AccountKey, Stored> loader;
  // Access order: the eldest entry is the least recently used. Guarded by itself.
  private final LinkedHashMap<AccountKey, Holder> holders = new LinkedHashMap<>(16, 0.75f, true);
  // The weight of the loaded holders: their members, plus one each.
  private final AtomicLong members = new AtomicLong();

  AccountCache(long maxMembers, Function<AccountKey, Stored> loader) {
    this.maxMembers = maxMembers;
    this.loader = loader;
  }

  /** Locks the holders of {@code keys} in key order, loading them as needed; distinct keys. */
  List<Holder> lockAll(List<AccountKey> keys) {
    List<AccountKey> sorted = keys.stream().distinct().sorted().toList();
    List<Holder> locked = new ArrayList<>(sorted.size());
    try {
      for (AccountKey key : sorted) {
        locked.add(lock(key));
      }
    } catch (RuntimeException e) {
      releaseAll(locked);
      throw e;
    }
    return locked;
  }

  /** Locks the holder of {@code key}, loading it on first use. */
  Holder lock(AccountKey key) {
    while (true) {
      Holder holder;
      synchronized (holders) {
        holder = holders.computeIfAbsent(key, Holder::new);
      }
      holder.lock.lock();
      if (holder.dropped) {
        holder.lock.unlock();
        continue;
      }
      if (holder.aggregate == null) {
        try {
          Stored stored = loader.apply(key);
          holder.aggregate = AccountAggregate.of(key, stored.members());
          holder.state =
              stored.state() == null ? AccountState.getDefaultInstance() : stored.state();
        } catch (RuntimeException e) {
          holder.lock.unlock();
          throw e;
        }
      }
      resize(holder);
      return holder;
    }
  }

  /** Records a holder's weight (members + 1) after its members changed; call while holding it. */
  void resize(Holder holder) {
    int weight = holder.aggregate == null ? 0 : holder.aggregate.memberCount() + 1;
    members.addAndGet(weight - holder.weight);
    holder.weight = weight;
  }

  /** Unlocks the holders, then drops least recently used accounts while over the bound. */
  void releaseAll(List<Holder> locked) {
    for (Holder holder : locked) {
      resize(holder);
      if (holder.weight == 1 && holder.pending.get() == 0) {
        // No member and nothing queued: nothing to keep (a read of an unknown account ends here).
        synchronized (holders) {
          holders.remove(holder.key, holder);
        }
        holder.dropped = true;
        members.addAndGet(-holder.weight);
        holder.weight = 0;
      }
      holder.lock.unlock();
    }
    if (members.get() > maxMembers) {
      evict();
    }
  }

  private void evict() {
    synchronized (holders) {
      Iterator<Map.Entry<AccountKey, Holder>> eldest = holders.entrySet().iterator();
      for (int scanned = 0;
          scanned < EVICTION_SCAN && members.get() > maxMembers && eldest.hasNext();
          scanned++) {
        Holder holder = eldest.next().getValue();
        if (holder.pending.get() > 0 || !holder.lock.tryLock()) {
          continue;
        }
        try {
          if (holder.pending.get() == 0) {
            holder.dropped = true;
            members.addAndGet(-holder.weight);
            holder.weight = 0;
            eldest.remove();
          }
        } finally {
          holder.lock.unlock();
        }
      }
    }
  }

  /** Forgets every account: after a failed write, memory may hold changes the database lacks. */
  void clear() {
    synchronized (holders) {
      for (Holder holder : holders.values()) {
        holder.dropped = true;
      }
      holders.clear();
      members.set(0);
    }
  }

  /** Members held in memory, for tests and metrics. */
  long members() {
    return members.get();
  }
}
