package dev.leadscore.core.state;

import com.google.protobuf.Value;
import dev.leadscore.proto.v1.AccountMember;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an account model reads of an account: its members, ordered by score, counted by engagement
 * and buying role. Members are ordered by descending score, then ascending lead id. Reads cost at
 * most the number of members they return (and a logarithm of the account's size), never a scan of
 * the account: an account model scores an account of 10,000 leads as fast as one of ten.
 *
 * <p>Implementations are not thread-safe: the store hands a view to an {@link AccountMutation} or
 * an {@link AccountReader} while it holds the account.
 *
 * @since 0.3
 */
public interface AccountView {

  AccountKey key();

  int memberCount();

  /** The entry of one member, empty if the lead is not a member. */
  Optional<AccountMember> member(String leadId);

  /** The {@code limit} best members by score. */
  List<AccountMember> topMembers(int limit);

  /** The number of engaged members. */
  int engagedCount();

  /** The {@code limit} best engaged members by score. */
  List<AccountMember> topEngaged(int limit);

  /** The number of engaged members of each role that has any, by role name. */
  Map<String, Integer> engagedRoles();

  /** The {@code limit} best engaged members of {@code role} by score. */
  List<AccountMember> topEngaged(String role, int limit);

  /**
   * The account's attributes: for each attribute some member carries, the value of the member that
   * changed most recently (then the lowest lead id).
   */
  Map<String, Value> attributes();
}
