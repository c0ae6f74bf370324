package dev.leadscore.core.account;

import static dev.leadscore.core.account.AccountModels.NOW;
import static dev.leadscore.core.account.AccountModels.lead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.Contribution;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.state.AccountAggregate;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.proto.v1.AccountMember;
import dev.leadscore.proto.v1.Lead;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Account scores from members: each account criterion's points and the reason users read. */
class AccountScorerTest {
  private final CompiledModel leads = AccountModels.leadModel();
  private final CompiledModel accounts = AccountModels.accountModel();
  private final AccountDefinition definition = accounts.account().orElseThrow();
  private final AccountAggregate acme = new AccountAggregate(new AccountKey("accounts", "acme"));

  private void add(Lead lead) {
    ScoreResult score = leads.score(new ProtoLeadView(lead, NOW), false);
    AccountMember member = definition.member(lead.getId(), lead.getAttributesMap(), score, 1, NOW);
    acme.set(lead.getId(), member);
  }

  private Map<String, Contribution> contributions(ScoreResult result) {
    return result.contributions().stream()
        .collect(Collectors.toMap(Contribution::criterionId, contribution -> contribution));
  }

  @Test
  void score_engagedDecisionMakerOnly_warmWithEveryPointExplained() {
    add(lead("vera@acme", "VP of Sales", 2)); // 20 + 30 = 50, engaged
    add(lead("mark@acme", "Sales Manager", 0)); // 10, not engaged
    add(lead("eli@acme", "Software Engineer", 0)); // 0

    ScoreResult result = AccountScorer.score(accounts, acme, NOW, true);
    Map<String, Contribution> by = contributions(result);

    assertThat(result.leadId()).isEqualTo("acme");
    assertThat(by.get("best").points()).isEqualTo(30); // (50 + 10) × 0.5
    assertThat(by.get("best").reason())
        .isEqualTo(
            "top 2 of 3 contacts by score: vera@acme (VP of Sales, 50), mark@acme (Sales Manager,"
                + " 10): sum 60 × 0.5 (+30)");
    assertThat(by.get("engaged").reason())
        .isEqualTo("1 engaged contact (engagement ≥ 15): vera@acme (VP of Sales, 50) (+5)");
    assertThat(by.get("committee").reason())
        .isEqualTo("decision_maker: vera@acme (VP of Sales, 50) +20; champion: no engaged contact");
    assertThat(by.get("size").points()).isEqualTo(15);
    assertThat(result.score()).isEqualTo(70);
    assertThat(result.band()).isEqualTo("warm");
    assertThat(result.firedRules()).isEmpty();
    assertThat(result.grade()).isEqualTo("A1");
  }

  @Test
  void score_decisionMakerAndChampionEngaged_hotByRuleNamingBoth() {
    add(lead("vera@acme", "VP of Sales", 1));
    add(lead("mark@acme", "Sales Manager", 1));
    add(lead("lena@acme", "Team Lead", 1));

    ScoreResult result = AccountScorer.score(accounts, acme, NOW, true);

    assertThat(result.band()).isEqualTo("hot");
    assertThat(result.firedRules()).containsExactly("committee_engaged");
    assertThat(contributions(result).get("committee").reason())
        .isEqualTo(
            "decision_maker: vera@acme (VP of Sales, 35) +20; champion: mark@acme (Sales Manager,"
                + " 25) and 1 more +10");
    assertThat(contributions(result).get("engaged").reason())
        .isEqualTo(
            "3 engaged contacts (engagement ≥ 15): vera@acme (VP of Sales, 35), mark@acme (Sales"
                + " Manager, 25), lena@acme (Team Lead, 15), 2 counted (+10)");
  }

  @Test
  void score_withoutExplanation_samePointsAsExplained() {
    add(lead("vera@acme", "VP of Sales", 1));
    add(lead("mark@acme", "Sales Manager", 3));

    assertThat(AccountScorer.score(accounts, acme, NOW, false).score())
        .isEqualTo(AccountScorer.score(accounts, acme, NOW, true).score());
  }

  @Test
  void member_titles_rolesByWholeWordsIgnoringCaseAccentsAndPunctuation() {
    Map<String, String> expected =
        Map.of(
            "Director of Sales", "decision_maker",
            "VP, Marketing", "decision_maker",
            "HEAD OF IT", "decision_maker",
            "Chief Revenue Officer", "decision_maker",
            "Sales Manager", "champion",
            "Team-Lead Platform", "champion",
            "Data Analyst", "user",
            "MVP Evangelist", "",
            "Leader of Choir", "",
            "", "");
    expected.forEach(
        (title, role) -> {
          add(lead("x", title, 0));
          assertThat(acme.member("x").orElseThrow().getRole()).as(title).isEqualTo(role);
        });
  }

  @Test
  void member_roleAttribute_winsOverTitle() {
    Lead lead =
        lead("x", "Software Engineer", 0).toBuilder()
            .putAttributes("buying_role", AccountModels.string("champion"))
            .build();

    add(lead);

    assertThat(acme.member("x").orElseThrow().getRole()).isEqualTo("champion");
  }
}
