package dev.leadscore.store.rocksdb;

import dev.leadscore.core.state.AccountAggregate;
import dev.leadscore.core.state.AccountChange;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.core.state.AccountUpdate;
import dev.leadscore.proto.v1.AccountMember;
import dev.leadscore.proto.v1.AccountState;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Applies an update's account changes to the locked accounts in memory, all or none. */
final class AccountWrites {
  private AccountWrites() {}

  /**
   * Applies each change that is newer than the member entry held, runs its mutation, and returns
   * what to write, aligned with {@code changes} (null where a change was not newer). If a mutation
   * throws, every change made is undone and the exception rethrown.
   *
   * @param holders the locked holders of the changes' accounts
   */
  static @Nullable AccountWrite[] apply(
      List<AccountChange> changes, List<AccountCache.Holder> holders) {
    @Nullable AccountWrite[] writes = new AccountWrite[changes.size()];
    @Nullable AccountMember[] previousMembers = new AccountMember[changes.size()];
    AccountState[] previousStates = new AccountState[changes.size()];
    int applied = 0;
    try {
      for (; applied < changes.size(); applied++) {
        AccountChange change = changes.get(applied);
        AccountCache.Holder holder = holder(holders, change.account());
        AccountAggregate aggregate = holder.aggregate();
        if (!change.appliesOver(aggregate.memberOrNull(change.leadId()))) {
          continue;
        }
        previousStates[applied] = holder.state;
        previousMembers[applied] = aggregate.set(change.leadId(), change.member().orElse(null));
        AccountUpdate update = change.mutation().apply(aggregate, holder.state);
        boolean empty = aggregate.memberCount() == 0;
        holder.state = empty ? AccountState.getDefaultInstance() : update.next();
        writes[applied] =
            new AccountWrite(
                change.account(),
                change.leadId(),
                change.member().map(AccountMember::toByteArray).orElse(null),
                empty ? null : update.next().toByteArray(),
                update.transition().orElse(null),
                holder);
      }
    } catch (RuntimeException e) {
      for (int k = applied; k >= 0; k--) {
        if (k < changes.size() && previousStates[k] != null) {
          AccountCache.Holder holder = holder(holders, changes.get(k).account());
          holder.aggregate().set(changes.get(k).leadId(), previousMembers[k]);
          holder.state = previousStates[k];
        }
      }
      throw e;
    }
    for (AccountWrite write : writes) {
      if (write != null) {
        write.holder().pending.incrementAndGet();
      }
    }
    return writes;
  }

  private static AccountCache.Holder holder(List<AccountCache.Holder> holders, AccountKey key) {
    for (AccountCache.Holder holder : holders) {
      if (holder.key.equals(key)) {
        return holder;
      }
    }
    throw new IllegalStateException("account " + key + " not locked");
  }
}
