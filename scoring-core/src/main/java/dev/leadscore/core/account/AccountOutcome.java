package dev.leadscore.core.account;

import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.core.state.AccountChange;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.proto.v1.AccountState;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link AccountChange} did to its account, filled in by its mutation when the store runs
 * it (on the updating thread, before the update's future completes); read it after the update
 * completes. Empty {@link #score()} means the store did not apply the change (a replay of an older
 * entry) or keeps no accounts.
 */
public final class AccountOutcome {
  private final AccountKey key;
  private final Resolution model;
  private final boolean left;
  private @Nullable AccountChange change;
  private @Nullable ScoreResult score;
  private AccountState previous = AccountState.getDefaultInstance();

  AccountOutcome(AccountKey key, Resolution model, boolean left) {
    this.key = key;
    this.model = model;
    this.left = left;
  }

  public AccountKey key() {
    return key;
  }

  /** The account model version that scored the account. */
  public Resolution model() {
    return model;
  }

  /** Whether the lead left the account. */
  public boolean left() {
    return left;
  }

  /** The change for the store. */
  public AccountChange change() {
    if (change == null) {
      throw new IllegalStateException("no change yet");
    }
    return change;
  }

  /** The account's new score, once the store ran the mutation. */
  public Optional<ScoreResult> score() {
    return Optional.ofNullable(score);
  }

  /** The account's stored state before the change (the default instance for a new account). */
  public AccountState previous() {
    return previous;
  }

  void change(AccountChange change) {
    this.change = change;
  }

  void scored(AccountState previous, ScoreResult score) {
    this.previous = previous;
    this.score = score;
  }
}
