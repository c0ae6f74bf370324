package dev.leadscore.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leadscore.core.state.AccountChange;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.core.state.AccountMutation;
import dev.leadscore.core.state.AccountUpdate;
import dev.leadscore.core.state.AccountView;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.AccountMember;
import dev.leadscore.proto.v1.AccountState;
import dev.leadscore.proto.v1.BandTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The account part of the {@link LeadStore} contract, run by {@link LeadStoreContractTest} for
 * stores whose {@link LeadStore#supportsAccounts()} is true (skipped for the others).
 *
 * <p>The mutations here stand in for an account model: an account is {@code big} from two members,
 * else {@code small}, and counts the changes applied to it.
 */
public abstract class AccountStoreContract {
  private static final AccountKey ACME = new AccountKey("accounts", "acme");
  private static final AccountKey GLOBEX = new AccountKey("accounts", "globex");

  private final List<LeadStore> opened = new ArrayList<>();

  /** Opens the store under test; see {@link LeadStoreContractTest#open}. */
  protected abstract LeadStore open(LeadStoreConfig config);

  private LeadStore accountStore() {
    LeadStore store = open(LeadStoreConfig.defaults());
    opened.add(store);
    assumeTrue(store.supportsAccounts(), "the store keeps no accounts");
    return store;
  }

  @AfterEach
  public void closeAccountStores() {
    opened.forEach(LeadStore::close);
  }

  @Test
  public void accounts_leadJoins_memberAndStateStoredWithTheLead() {
    LeadStore store = accountStore();

    UpdateOutcome outcome = join(store, "jane", 1, ACME, 70);

    assertThat(outcome.accountSequences()).containsExactly(0L);
    assertThat(summary(store, ACME)).contains("1 member: jane 70.0; small; 1 change");
    assertThat(store.get("jane")).isPresent();
  }

  @Test
  public void accounts_bandChange_transitionAppendedInTheLogWithTheUpdate() {
    LeadStore store = accountStore();
    join(store, "jane", 1, ACME, 70);

    UpdateOutcome second = join(store, "bob", 1, ACME, 50);

    assertThat(second.accountSequences()).containsExactly(1L);
    assertThat(store.lastSequence()).isEqualTo(1);
    BandTransition transition = store.transitions(1, 10).get(0);
    assertThat(transition.getAccountId()).isEqualTo("acme");
    assertThat(transition.getLeadId()).isEqualTo("bob");
    assertThat(transition.getToBand()).isEqualTo("big");
    assertThat(transition.getSequence()).isEqualTo(1);
  }

  @Test
  public void accounts_memberChangesAgain_entryReplacedNotAdded() {
    LeadStore store = accountStore();
    join(store, "jane", 1, ACME, 70);
    join(store, "bob", 1, ACME, 50);

    join(store, "jane", 2, ACME, 20);

    assertThat(summary(store, ACME)).contains("2 members: bob 50.0, jane 20.0; big; 3 changes");
  }

  @Test
  public void accounts_olderVersion_notAppliedAndMutationNotRun() {
    LeadStore store = accountStore();
    join(store, "jane", 5, ACME, 70);
    List<String> runs = new ArrayList<>();

    UpdateOutcome replay =
        store
            .update(
                "jane",
                "",
                current ->
                    new LeadUpdate(
                        current,
                        Optional.empty(),
                        List.of(
                            change(
                                ACME,
                                "jane",
                                4,
                                10,
                                (account, state) -> {
                                  runs.add("ran");
                                  return scored("jane").apply(account, state);
                                }))))
            .join();

    assertThat(runs).isEmpty();
    assertThat(replay.accountSequences()).containsExactly(0L);
    assertThat(summary(store, ACME)).contains("1 member: jane 70.0; small; 1 change");
  }

  @Test
  public void accounts_leadMoves_leavesOneAndJoinsTheOtherInOneUpdate() {
    LeadStore store = accountStore();
    join(store, "jane", 1, ACME, 70);
    join(store, "bob", 1, ACME, 50);

    store
        .update(
            "jane",
            "",
            current ->
                new LeadUpdate(
                    current,
                    Optional.empty(),
                    List.of(
                        removal(ACME, "jane", 2), change(GLOBEX, "jane", 2, 70, scored("jane")))))
        .join();

    assertThat(summary(store, ACME)).contains("1 member: bob 50.0; small; 3 changes");
    assertThat(summary(store, GLOBEX)).contains("1 member: jane 70.0; small; 1 change");
    assertThat(store.transitions(0, 10))
        .extracting(BandTransition::getAccountId, BandTransition::getToBand)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("acme", "big"),
            org.assertj.core.groups.Tuple.tuple("acme", "small"));
  }

  @Test
  public void accounts_deleteLead_memberRemovedAndLastMemberRemovesTheAccount() {
    LeadStore store = accountStore();
    join(store, "jane", 1, ACME, 70);
    join(store, "bob", 1, ACME, 50);

    store.delete("bob", state -> List.of(removal(ACME, "bob", Long.MAX_VALUE)));

    assertThat(summary(store, ACME)).contains("1 member: jane 70.0; small; 3 changes");
    store.delete("jane", state -> List.of(removal(ACME, "jane", Long.MAX_VALUE)));
    assertThat(store.readAccount(ACME, AccountStoreContract::describe)).isEmpty();
    assertThat(store.get("jane")).isEmpty();
  }

  @Test
  public void accounts_mutationThrows_leadAndAccountUnchanged() {
    LeadStore store = accountStore();
    join(store, "jane", 1, ACME, 70);

    assertThatThrownBy(
            () ->
                store
                    .update(
                        "jane",
                        "e2",
                        current ->
                            new LeadUpdate(
                                current.toBuilder().setChanges(2).build(),
                                Optional.empty(),
                                List.of(
                                    change(
                                        ACME,
                                        "jane",
                                        2,
                                        10,
                                        (account, state) -> {
                                          throw new IllegalStateException("account rule failed");
                                        }))))
                    .join())
        .hasCauseInstanceOf(IllegalStateException.class);

    assertThat(summary(store, ACME)).contains("1 member: jane 70.0; small; 1 change");
    assertThat(store.get("jane").orElseThrow().getChanges()).isEqualTo(1);
  }

  @Test
  public void accounts_manyLeadsOfOneAccountConcurrently_everyChangeCountedOnce() throws Exception {
    LeadStore store = accountStore();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    join(store, "lead-" + thread + "-" + i, 1, ACME, i);
                    join(store, "lead-" + thread + "-" + i, 2, ACME, i + 1);
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get(20, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(store.readAccount(ACME, (account, state) -> account.memberCount())).contains(200);
    assertThat(store.readAccount(ACME, (account, state) -> state.getChanges())).contains(400L);
    assertThat(store.readAccount(ACME, (account, state) -> account.topMembers(1).get(0).getScore()))
        .contains(50.0);
    assertThat(store.transitions(0, 10)).hasSize(1);
  }

  @Test
  public void accounts_reopen_membersAndStateRecovered() {
    LeadStore first = accountStore();
    join(first, "jane", 1, ACME, 70);
    join(first, "bob", 1, ACME, 50);
    first.close();
    opened.remove(first);

    LeadStore second = accountStore();

    assertThat(summary(second, ACME)).contains("2 members: jane 70.0, bob 50.0; big; 2 changes");
    join(second, "eve", 1, ACME, 60);
    assertThat(summary(second, ACME))
        .contains("3 members: jane 70.0, eve 60.0, bob 50.0; big; 3 changes");
  }

  private static UpdateOutcome join(
      LeadStore store, String leadId, long version, AccountKey account, double score) {
    return store
        .update(
            leadId,
            "",
            current ->
                new LeadUpdate(
                    current.toBuilder().setChanges(version).build(),
                    Optional.empty(),
                    List.of(change(account, leadId, version, score, scored(leadId)))))
        .join();
  }

  private static AccountChange change(
      AccountKey account, String leadId, long version, double score, AccountMutation mutation) {
    AccountMember member =
        AccountMember.newBuilder().setLeadId(leadId).setVersion(version).setScore(score).build();
    return new AccountChange(account, leadId, version, Optional.of(member), mutation);
  }

  private static AccountChange removal(AccountKey account, String leadId, long version) {
    return new AccountChange(account, leadId, version, Optional.empty(), scored(""));
  }

  /**
   * The stand-in account model: big from two members; a transition naming {@code cause} on every
   * band change.
   */
  private static AccountMutation scored(String cause) {
    return (account, current) -> {
      String band = account.memberCount() >= 2 ? "big" : "small";
      boolean known = !current.getAccountId().isEmpty();
      Optional<BandTransition> transition =
          band.equals(known ? current.getBand() : "small")
              ? Optional.empty()
              : Optional.of(
                  BandTransition.newBuilder()
                      .setAccountId(account.key().accountId())
                      .setLeadId(cause)
                      .setFromBand(current.getBand())
                      .setToBand(band)
                      .build());
      return new AccountUpdate(
          AccountState.newBuilder()
              .setAccountId(account.key().accountId())
              .setModel(account.key().model())
              .setBand(band)
              .setChanges(current.getChanges() + 1)
              .build(),
          transition);
    };
  }

  private static Optional<String> summary(LeadStore store, AccountKey account) {
    return store.readAccount(account, AccountStoreContract::describe);
  }

  /** e.g. {@code 2 members: jane 70.0, bob 50.0; big; 2 changes}. */
  private static String describe(AccountView account, AccountState state) {
    List<String> members = new ArrayList<>();
    for (AccountMember member : account.topMembers(10)) {
      members.add(member.getLeadId() + " " + member.getScore());
    }
    return account.memberCount()
        + (account.memberCount() == 1 ? " member: " : " members: ")
        + String.join(", ", members)
        + "; "
        + state.getBand()
        + "; "
        + state.getChanges()
        + (state.getChanges() == 1 ? " change" : " changes");
  }
}
