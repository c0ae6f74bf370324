package dev.leadscore.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.AccountMember;
import dev.leadscore.proto.v1.AccountState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The incremental aggregate against an oracle that recomputes every answer from the plain list of
 * members after each change.
 */
class AccountAggregateTest {
  private static final AccountKey KEY = new AccountKey("accounts", "acme.example");
  private static final AccountMutation UNUSED =
      (account, current) -> new AccountUpdate(AccountState.getDefaultInstance(), Optional.empty());
  private static final List<String> ROLES = List.of("decision_maker", "champion", "user", "");
  private static final Comparator<AccountMember> BY_SCORE =
      Comparator.comparingDouble(AccountMember::getScore)
          .reversed()
          .thenComparing(AccountMember::getLeadId);

  @Test
  void apply_randomChanges_everyReadMatchesRecomputationFromScratch() {
    Random random = new Random(14);
    AccountAggregate aggregate = new AccountAggregate(KEY);
    Map<String, AccountMember> oracle = new HashMap<>();
    Map<String, Long> versions = new HashMap<>();
    for (int step = 0; step < 3000; step++) {
      String lead = "lead-" + random.nextInt(60);
      long version = versions.merge(lead, 1L, Long::sum);
      AccountChange change;
      if (random.nextInt(6) == 0) {
        change = new AccountChange(KEY, lead, version, Optional.empty(), UNUSED);
        oracle.remove(lead);
      } else {
        AccountMember member = member(random, lead, version, step);
        change = new AccountChange(KEY, lead, version, Optional.of(member), UNUSED);
        oracle.put(lead, member);
      }
      boolean wasMember = aggregate.memberOrNull(lead) != null;

      boolean applied = aggregate.apply(change);

      assertThat(applied).isEqualTo(change.member().isPresent() || wasMember);
      assertMatches(aggregate, oracle);
    }
  }

  @Test
  void apply_olderOrSameVersion_ignoredSoReplaysAreHarmless() {
    AccountAggregate aggregate = new AccountAggregate(KEY);
    AccountMember newer = entry("jane", 5, 80, true, "champion");
    aggregate.apply(new AccountChange(KEY, "jane", 5, Optional.of(newer), UNUSED));

    boolean older =
        aggregate.apply(
            new AccountChange(
                KEY, "jane", 4, Optional.of(entry("jane", 4, 10, false, "")), UNUSED));
    boolean again = aggregate.apply(new AccountChange(KEY, "jane", 5, Optional.of(newer), UNUSED));
    boolean staleRemoval =
        aggregate.apply(new AccountChange(KEY, "jane", 3, Optional.empty(), UNUSED));

    assertThat(List.of(older, again, staleRemoval)).containsOnly(false);
    assertThat(aggregate.member("jane")).contains(newer);
    assertThat(aggregate.engagedRoles()).containsExactly(Map.entry("champion", 1));
  }

  private static void assertMatches(AccountAggregate aggregate, Map<String, AccountMember> oracle) {
    List<AccountMember> all = new ArrayList<>(oracle.values());
    all.sort(BY_SCORE);
    List<AccountMember> engaged = all.stream().filter(AccountMember::getEngaged).toList();
    Map<String, Integer> roles = new TreeMap<>();
    engaged.stream()
        .filter(member -> !member.getRole().isEmpty())
        .forEach(member -> roles.merge(member.getRole(), 1, Integer::sum));

    assertThat(aggregate.memberCount()).isEqualTo(oracle.size());
    assertThat(aggregate.topMembers(5)).isEqualTo(all.subList(0, Math.min(5, all.size())));
    assertThat(aggregate.engagedCount()).isEqualTo(engaged.size());
    assertThat(aggregate.topEngaged(3)).isEqualTo(engaged.subList(0, Math.min(3, engaged.size())));
    assertThat(aggregate.engagedRoles()).isEqualTo(roles);
    for (String role : roles.keySet()) {
      List<AccountMember> ofRole = engaged.stream().filter(m -> m.getRole().equals(role)).toList();
      assertThat(aggregate.topEngaged(role, 2))
          .isEqualTo(ofRole.subList(0, Math.min(2, ofRole.size())));
    }
    assertThat(aggregate.attributes()).isEqualTo(latestAttributes(all));
  }

  /** Each attribute from the most recently updated member carrying it, then the lowest lead id. */
  private static Map<String, Value> latestAttributes(List<AccountMember> members) {
    List<AccountMember> byRecency = new ArrayList<>(members);
    byRecency.sort(
        Comparator.comparing(AccountMember::getUpdated, Timestamps.comparator())
            .reversed()
            .thenComparing(AccountMember::getLeadId));
    Map<String, Value> attributes = new LinkedHashMap<>();
    for (AccountMember member : byRecency) {
      member.getAttributesMap().forEach(attributes::putIfAbsent);
    }
    return new TreeMap<>(attributes);
  }

  private static AccountMember member(Random random, String lead, long version, int step) {
    AccountMember.Builder member =
        entry(
                lead,
                version,
                random.nextInt(20) * 5,
                random.nextBoolean(),
                ROLES.get(random.nextInt(ROLES.size())))
            .toBuilder()
            .setUpdated(Timestamps.fromMillis(1_000L * (step / 3)));
    if (random.nextBoolean()) {
      member.putAttributes("industry", Value.newBuilder().setStringValue("i" + step).build());
    }
    if (random.nextInt(3) == 0) {
      member.putAttributes("company_size", Value.newBuilder().setNumberValue(step).build());
    }
    return member.build();
  }

  private static AccountMember entry(
      String lead, long version, double score, boolean engaged, String role) {
    return AccountMember.newBuilder()
        .setLeadId(lead)
        .setVersion(version)
        .setScore(score)
        .setEngaged(engaged)
        .setRole(role)
        .build();
  }
}
