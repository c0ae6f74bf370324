package dev.leadscore.core.state;

import dev.leadscore.proto.v1.AccountState;

/**
 * Reads an account while the store holds it, for {@link LeadStore#readAccount}. Must not call the
 * store or keep {@code account} after returning.
 *
 * @param <T> what it reads
 * @since 0.3
 */
@FunctionalInterface
public interface AccountReader<T> {
  T read(AccountView account, AccountState state);
}
