package dev.leadscore.core.state;

import dev.leadscore.proto.v1.AccountState;

/**
 * Computes an account's next stored state after one member change: run by the store while it holds
 * the account, with the member change already applied to {@code account}. Must not call the store.
 *
 * @since 0.3
 */
@FunctionalInterface
public interface AccountMutation {

  /**
   * @param account the account with the change applied; valid only during the call
   * @param current the stored state, {@link AccountState#getDefaultInstance()} for a new account
   * @return the state to store and at most one transition; if it throws, the store undoes the
   *     member change and the whole lead update fails
   */
  AccountUpdate apply(AccountView account, AccountState current);
}
