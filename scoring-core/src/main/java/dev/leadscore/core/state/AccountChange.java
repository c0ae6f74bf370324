package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

import dev.leadscore.proto.v1.AccountMember;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A lead's change to one account: its new member entry, or its removal, and the mutation that
 * scores the account afterwards.
 *
 * <p>Idempotent by version: the entry carries the lead's change count, and a store applies a change
 * only over an older entry (or none), so applying it a second time — a replay after a crash between
 * a lead's write and its account's, in a store that cannot write both at once — changes nothing.
 *
 * @param account the account
 * @param leadId the member
 * @param version the lead's change count after the change; a removal of a deleted lead uses {@link
 *     Long#MAX_VALUE}
 * @param member the new entry (its {@code version} equal to {@code version}), or empty to remove
 *     the lead from the account
 * @param mutation scores the account after the change
 * @since 0.3
 */
public record AccountChange(
    AccountKey account,
    String leadId,
    long version,
    Optional<AccountMember> member,
    AccountMutation mutation) {

  public AccountChange {
    requireNonNull(account, "account");
    requireNonNull(leadId, "leadId");
    requireNonNull(member, "member");
    requireNonNull(mutation, "mutation");
    if (member.isPresent()
        && (member.get().getVersion() != version || !member.get().getLeadId().equals(leadId))) {
      throw new IllegalArgumentException(
          "member "
              + member.get().getLeadId()
              + " version "
              + member.get().getVersion()
              + " (expected: lead "
              + leadId
              + ", version "
              + version
              + ")");
    }
  }

  /** Whether this change is newer than {@code stored}, the entry the store holds (null: none). */
  public boolean appliesOver(@Nullable AccountMember stored) {
    return stored == null ? member.isPresent() : stored.getVersion() < version;
  }
}
