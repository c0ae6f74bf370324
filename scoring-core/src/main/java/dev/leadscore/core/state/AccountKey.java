package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

/**
 * Names one account: the account model that defines it and the account id, e.g. ({@code
 * b2b-accounts}, {@code acme.example}). The same company in two account models is two accounts.
 *
 * @param model the account model's name
 * @param accountId the id a lead's account attribute or e-mail domain gives
 * @since 0.3
 */
public record AccountKey(String model, String accountId) implements Comparable<AccountKey> {
  public AccountKey {
    requireNonNull(model, "model");
    requireNonNull(accountId, "accountId");
    if (model.isEmpty() || accountId.isEmpty()) {
      throw new IllegalArgumentException(
          "account key (" + model + ", " + accountId + "): empty (expected: a model and an id)");
    }
  }

  /** By model, then account id: the order in which a store locks several accounts. */
  @Override
  public int compareTo(AccountKey other) {
    int byModel = model.compareTo(other.model);
    return byModel != 0 ? byModel : accountId.compareTo(other.accountId);
  }
}
