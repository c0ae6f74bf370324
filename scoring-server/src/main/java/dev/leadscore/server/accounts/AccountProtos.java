package dev.leadscore.server.accounts;

import dev.leadscore.core.state.AccountView;
import dev.leadscore.proto.v1.Account;
import dev.leadscore.proto.v1.AccountState;
import org.jspecify.annotations.Nullable;

/** Adapts accounts to the wire. */
final class AccountProtos {
  private AccountProtos() {}

  /** The account with its {@code maxMembers} best members and, if stored, its state. */
  static Account account(AccountView view, int maxMembers, @Nullable AccountState state) {
    Account.Builder account =
        Account.newBuilder()
            .setId(view.key().accountId())
            .setModel(view.key().model())
            .setMemberCount(view.memberCount())
            .setEngagedCount(view.engagedCount())
            .putAllAttributes(view.attributes())
            .addAllMembers(view.topMembers(maxMembers));
    view.engagedRoles().forEach((role, count) -> account.putEngagedRoles(role, count));
    if (state != null && !state.getAccountId().isEmpty()) {
      account.setState(state);
    }
    return account.build();
  }
}
