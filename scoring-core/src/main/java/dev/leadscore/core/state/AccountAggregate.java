package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.AccountMember;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An account's members in memory, kept incrementally: replacing one member's entry removes its old
 * entry from every ordered set and adds the new one, O(log n) for an account of n members, and
 * reads walk only what they return. For stores that keep accounts in memory (and for scoring an
 * account from a list of leads). Not thread-safe.
 *
 * <p>Design notes: one map by lead id holds the entries; ordered sets hold the same entries by
 * score (all members, engaged members, engaged members per role) and by recency (members per
 * account attribute they carry). An entry is immutable, so removing the stored instance from each
 * set it was added to is exact.
 *
 * @since 0.3
 */
public final class AccountAggregate implements AccountView {
  private static final Comparator<AccountMember> BY_SCORE =
      Comparator.comparingDouble(AccountMember::getScore)
          .reversed()
          .thenComparing(AccountMember::getLeadId);
  private static final Comparator<AccountMember> BY_RECENCY =
      Comparator.comparing((AccountMember member) -> member.getUpdated(), Timestamps.comparator())
          .reversed()
          .thenComparing(AccountMember::getLeadId);

  private final AccountKey key;
  private final Map<String, AccountMember> members = new HashMap<>();
  private final NavigableSet<AccountMember> byScore = new TreeSet<>(BY_SCORE);
  private final NavigableSet<AccountMember> engaged = new TreeSet<>(BY_SCORE);
  private final Map<String, NavigableSet<AccountMember>> engagedByRole = new TreeMap<>();
  private final Map<String, NavigableSet<AccountMember>> byAttribute = new TreeMap<>();

  public AccountAggregate(AccountKey key) {
    this.key = requireNonNull(key, "key");
  }

  /** An aggregate of {@code members}, e.g. read from a store; O(n log n). */
  public static AccountAggregate of(AccountKey key, Iterable<AccountMember> members) {
    AccountAggregate aggregate = new AccountAggregate(key);
    for (AccountMember member : members) {
      aggregate.set(member.getLeadId(), member);
    }
    return aggregate;
  }

  @Override
  public AccountKey key() {
    return key;
  }

  /** The stored entry of {@code leadId}, or null. */
  public @Nullable AccountMember memberOrNull(String leadId) {
    return members.get(leadId);
  }

  /**
   * Replaces the entry of {@code leadId} with {@code member} (null removes it), whatever the
   * versions; callers check {@link AccountChange#appliesOver} first.
   *
   * @return the entry replaced, or null
   */
  public @Nullable AccountMember set(String leadId, @Nullable AccountMember member) {
    requireNonNull(leadId, "leadId");
    if (member != null && !member.getLeadId().equals(leadId)) {
      throw new IllegalArgumentException(
          "member " + member.getLeadId() + " (expected: lead " + leadId + ")");
    }
    AccountMember previous = member == null ? members.remove(leadId) : members.put(leadId, member);
    if (previous != null) {
      unindex(previous);
    }
    if (member != null) {
      index(member);
    }
    return previous;
  }

  /** Applies a change if it is newer than the entry held; returns whether it did. */
  public boolean apply(AccountChange change) {
    requireNonNull(change, "change");
    if (!change.appliesOver(members.get(change.leadId()))) {
      return false;
    }
    set(change.leadId(), change.member().orElse(null));
    return true;
  }

  /** Every entry, in no particular order. */
  public Iterable<AccountMember> members() {
    return Collections.unmodifiableCollection(members.values());
  }

  private void index(AccountMember member) {
    byScore.add(member);
    if (member.getEngaged()) {
      engaged.add(member);
      if (!member.getRole().isEmpty()) {
        engagedByRole
            .computeIfAbsent(member.getRole(), role -> new TreeSet<>(BY_SCORE))
            .add(member);
      }
    }
    for (String attribute : member.getAttributesMap().keySet()) {
      byAttribute.computeIfAbsent(attribute, name -> new TreeSet<>(BY_RECENCY)).add(member);
    }
  }

  private void unindex(AccountMember member) {
    byScore.remove(member);
    if (member.getEngaged()) {
      engaged.remove(member);
      removeFrom(engagedByRole, member.getRole(), member);
    }
    for (String attribute : member.getAttributesMap().keySet()) {
      removeFrom(byAttribute, attribute, member);
    }
  }

  private static void removeFrom(
      Map<String, NavigableSet<AccountMember>> sets, String name, AccountMember member) {
    NavigableSet<AccountMember> set = sets.get(name);
    if (set != null && set.remove(member) && set.isEmpty()) {
      sets.remove(name);
    }
  }

  @Override
  public int memberCount() {
    return members.size();
  }

  @Override
  public Optional<AccountMember> member(String leadId) {
    return Optional.ofNullable(members.get(leadId));
  }

  @Override
  public List<AccountMember> topMembers(int limit) {
    return first(byScore, limit);
  }

  @Override
  public int engagedCount() {
    return engaged.size();
  }

  @Override
  public List<AccountMember> topEngaged(int limit) {
    return first(engaged, limit);
  }

  @Override
  public Map<String, Integer> engagedRoles() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    engagedByRole.forEach((role, set) -> counts.put(role, set.size()));
    return Collections.unmodifiableMap(counts);
  }

  @Override
  public List<AccountMember> topEngaged(String role, int limit) {
    NavigableSet<AccountMember> set = engagedByRole.get(role);
    return set == null ? List.of() : first(set, limit);
  }

  @Override
  public Map<String, Value> attributes() {
    Map<String, Value> attributes = new LinkedHashMap<>();
    byAttribute.forEach(
        (name, set) -> attributes.put(name, set.first().getAttributesOrThrow(name)));
    return Collections.unmodifiableMap(attributes);
  }

  private static List<AccountMember> first(NavigableSet<AccountMember> set, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
    }
    List<AccountMember> first = new ArrayList<>(Math.min(limit, set.size()));
    Iterator<AccountMember> members = set.iterator();
    while (first.size() < limit && members.hasNext()) {
      first.add(members.next());
    }
    return first;
  }
}
