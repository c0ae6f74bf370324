package dev.leadscore.core.account;

import static dev.leadscore.core.account.AccountModels.NOW;
import static dev.leadscore.core.account.AccountModels.lead;
import static dev.leadscore.core.account.AccountModels.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.core.state.AccountAggregate;
import dev.leadscore.core.state.AccountChange;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.core.state.AccountUpdate;
import dev.leadscore.proto.v1.AccountState;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lead's update as account changes: joining, staying, moving, being erased; transitions. */
class AccountChangesTest {
  private final CompiledModel leads = AccountModels.leadModel();
  private final Resolution accounts = new Resolution(AccountModels.accountModel(), "");

  private List<AccountOutcome> update(LeadState current, LeadState.Builder next) {
    ScoreResult score = leads.score(new ProtoLeadView(next.getLead(), NOW), false);
    return AccountChanges.forUpdate(
        List.of(accounts), next.getLead().getId(), current, next, score, "evt-1", NOW);
  }

  @Test
  void forUpdate_newMember_joinsAccountAndStateRemembersIt() {
    LeadState.Builder next =
        LeadState.newBuilder().setLead(lead("vera@acme", "VP of Sales", 4)).setChanges(1);

    List<AccountOutcome> outcomes = update(LeadState.getDefaultInstance(), next);

    assertThat(outcomes).hasSize(1);
    AccountChange change = outcomes.get(0).change();
    assertThat(change.account()).isEqualTo(new AccountKey("accounts", "acme"));
    assertThat(change.version()).isEqualTo(1);
    assertThat(change.member().orElseThrow().getRole()).isEqualTo("decision_maker");
    assertThat(change.member().orElseThrow().getEngaged()).isTrue();
    assertThat(next.getAccountsMap()).containsExactly(Map.entry("accounts", "acme"));
  }

  @Test
  void forUpdate_accountAttributeChanged_leavesOldAccountAndJoinsNew() {
    LeadState current =
        LeadState.newBuilder()
            .setLead(lead("vera@acme", "VP of Sales", 0))
            .putAccounts("accounts", "acme")
            .setChanges(3)
            .build();
    LeadState.Builder next = current.toBuilder().setChanges(4);
    next.getLeadBuilder().putAttributes("account_id", string("globex"));

    List<AccountOutcome> outcomes = update(current, next);

    assertThat(outcomes)
        .extracting(o -> o.key().accountId(), AccountOutcome::left, o -> o.change().version())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("acme", true, 4L),
            org.assertj.core.groups.Tuple.tuple("globex", false, 4L));
    assertThat(outcomes.get(0).change().member()).isEmpty();
    assertThat(next.getAccountsMap()).containsExactly(Map.entry("accounts", "globex"));
  }

  @Test
  void mutation_bandChanges_transitionNamesAccountLeadAndEvent() {
    AccountAggregate acme = new AccountAggregate(new AccountKey("accounts", "acme"));
    LeadState.Builder next =
        LeadState.newBuilder().setLead(lead("vera@acme", "VP of Sales", 4)).setChanges(1);
    AccountOutcome outcome = update(LeadState.getDefaultInstance(), next).get(0);
    acme.apply(outcome.change());

    AccountUpdate first =
        outcome.change().mutation().apply(acme, AccountState.getDefaultInstance());
    AccountUpdate again = outcome.change().mutation().apply(acme, first.next());

    assertThat(first.next().getBand()).isEqualTo("warm");
    assertThat(first.next().getChanges()).isEqualTo(1);
    BandTransition transition = first.transition().orElseThrow();
    assertThat(transition.getAccountId()).isEqualTo("acme");
    assertThat(transition.getLeadId()).isEqualTo("vera@acme");
    assertThat(transition.getEventId()).isEqualTo("evt-1");
    assertThat(transition.getFromBand()).isEmpty();
    assertThat(transition.getToBand()).isEqualTo("warm");
    assertThat(again.transition()).as("same band again").isEmpty();
    assertThat(outcome.score().orElseThrow().band()).isEqualTo("warm");
    assertThat(outcome.previous()).isEqualTo(first.next());
  }

  @Test
  void forDeletion_member_removalsNamingNoLead() {
    LeadState state =
        LeadState.newBuilder()
            .setLead(lead("vera@acme", "VP of Sales", 0))
            .putAccounts("accounts", "acme")
            .putAccounts("gone-model", "acme")
            .build();

    List<AccountOutcome> outcomes =
        AccountChanges.forDeletion(Map.of("accounts", accounts), state, NOW);

    assertThat(outcomes).hasSize(1);
    AccountChange change = outcomes.get(0).change();
    assertThat(change.member()).isEmpty();
    assertThat(change.version()).isEqualTo(Long.MAX_VALUE);
    AccountAggregate empty = new AccountAggregate(change.account());
    AccountUpdate update =
        change
            .mutation()
            .apply(empty, AccountState.newBuilder().setAccountId("acme").setBand("hot").build());
    assertThat(update.transition().orElseThrow().getLeadId()).isEmpty();
    assertThat(update.transition().orElseThrow().getToBand()).isEqualTo("cold");
  }
}
