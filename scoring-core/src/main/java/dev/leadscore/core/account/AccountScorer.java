package dev.leadscore.core.account;

import static java.util.Objects.requireNonNull;

import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.state.AccountView;

/**
 * Scores accounts: an account model's criteria, caps, rules, bands and grade applied to an account
 * as {@link AccountLeadView} presents it. The cost depends on what the criteria read (the {@code
 * count} best members, the engaged counts), not on the account's size.
 */
public final class AccountScorer {
  private AccountScorer() {}

  /**
   * Scores {@code account} with {@code accountModel}; the result's lead id is the account id.
   *
   * @throws IllegalArgumentException if {@code accountModel} is not an account model
   * @throws dev.leadscore.core.ScoringException as {@link CompiledModel#score}
   */
  public static ScoreResult score(
      CompiledModel accountModel, AccountView account, long asOfMillis, boolean explain) {
    requireNonNull(account, "account");
    if (accountModel.account().isEmpty()) {
      throw new IllegalArgumentException(
          "model " + accountModel.name() + " (expected: an account model)");
    }
    return accountModel.score(new AccountLeadView(account, asOfMillis), explain);
  }
}
