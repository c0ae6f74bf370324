package dev.leadscore.server;

import static dev.leadscore.server.InProcessLeadscore.NOW;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.AccountMember;
import dev.leadscore.proto.v1.AccountResponse;
import dev.leadscore.proto.v1.AccountScoreChange;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.Contribution;
import dev.leadscore.proto.v1.DeleteLeadRequest;
import dev.leadscore.proto.v1.GetAccountRequest;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ProfileChange;
import dev.leadscore.proto.v1.ScoreAccountRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.WatchTransitionsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accounts as a new user meets them: six contacts of one company streamed to a server with the
 * bundled b2b-default and b2b-accounts models, through real stubs.
 */
class AccountsTest {
  /** Lead id (an e-mail address: the account is its domain) to job title. */
  private static final Map<String, String> ACME = new LinkedHashMap<>();

  static {
    ACME.put("ceo@acme.example", "Chief Executive Officer");
    ACME.put("vera@acme.example", "VP of Sales");
    ACME.put("dora@acme.example", "Director of Sales");
    ACME.put("mark@acme.example", "Sales Manager");
    ACME.put("eli@acme.example", "Software Engineer");
    ACME.put("ina@acme.example", "Marketing Intern");
  }

  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore().withLeadStore();

  private ScoringServiceGrpc.ScoringServiceBlockingStub scoring() {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel());
  }

  @Test
  void streamEvents_sixContacts_accountHotOnceDecisionMakerAndChampionAreEngaged()
      throws Exception {
    List<LeadScoreUpdate> joined = leadscore.streamEvents(profiles());
    assertThat(joined)
        .allSatisfy(
            update -> {
              assertThat(update.hasError()).as("%s", update.getError()).isFalse();
              assertThat(update.getAccountsList())
                  .extracting(AccountScoreChange::getAccountId, AccountScoreChange::getBand)
                  .containsExactly(org.assertj.core.groups.Tuple.tuple("acme.example", "cold"));
            });

    AccountScoreChange user = account(leadscore.streamEvents(List.of(webinar("eli@acme.example"))));
    AccountScoreChange decisionMaker =
        account(leadscore.streamEvents(List.of(webinar("vera@acme.example"))));
    AccountScoreChange champion =
        account(leadscore.streamEvents(List.of(webinar("mark@acme.example"))));

    assertThat(user.getBand()).isEqualTo("warm");
    assertThat(decisionMaker.getBand()).as("a decision maker alone").isEqualTo("warm");
    assertThat(champion.getPreviousBand()).isEqualTo("warm");
    assertThat(champion.getBand()).isEqualTo("hot");
    assertThat(champion.getGrade()).isEqualTo("A1");
    assertThat(champion.getModel().getName()).isEqualTo("b2b-accounts");
    assertThat(champion.getTransitionSequence()).isPositive();

    AccountResponse account = getAccount("acme.example");
    assertThat(account.getAccount().getMemberCount()).isEqualTo(6);
    assertThat(account.getAccount().getEngagedCount()).isEqualTo(3);
    assertThat(account.getAccount().getEngagedRolesMap())
        .containsOnly(
            Map.entry("decision_maker", 1L), Map.entry("champion", 1L), Map.entry("user", 1L));
    assertThat(account.getAccount().getMembersList())
        .extracting(AccountMember::getLeadId)
        .containsExactlyInAnyOrderElementsOf(ACME.keySet());
    assertThat(account.getAccount().getMembersList())
        .extracting(AccountMember::getScore)
        .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    AccountMember vera = member(account, "vera@acme.example");
    assertThat(vera.getRole()).isEqualTo("decision_maker");
    assertThat(vera.getEngaged()).isTrue();
    assertThat(vera.getGrade()).isNotEmpty();
    assertThat(member(account, "dora@acme.example").getRole()).isEqualTo("decision_maker");
    assertThat(member(account, "ina@acme.example").getRole()).isEmpty();
    assertThat(account.getAccount().getAttributesMap().get("industry").getStringValue())
        .isEqualTo("Software");
    assertThat(account.getAccount().getState().getBand()).isEqualTo("hot");
    assertThat(account.getScore().getLeadId()).isEqualTo("acme.example");
    assertThat(account.getScore().getBand()).isEqualTo("hot");
    assertThat(account.getScore().getGrade()).isEqualTo("A1");
    assertThat(account.getScore().getScore()).isEqualTo(champion.getScore());
    assertThat(account.getScore().getFiredRulesList()).containsExactly("buying_committee_engaged");
    assertThat(contribution(account, "buying_committee").getReason())
        .contains("decision_maker: vera@acme.example (VP of Sales, ")
        .contains("champion: mark@acme.example (Sales Manager, ")
        .contains("user: eli@acme.example (Software Engineer, ");
    assertThat(contribution(account, "engaged_contacts").getReason())
        .startsWith("3 engaged contacts (engagement ≥ 15): ")
        .contains("vera@acme.example", "mark@acme.example", "eli@acme.example");
    assertThat(contribution(account, "company_size").getReason()).contains("company_size");

    List<BandTransition> transitions = watchAccounts(2);
    assertThat(transitions)
        .extracting(
            t ->
                t.getAccountId()
                    + " "
                    + t.getFromBand()
                    + "->"
                    + t.getToBand()
                    + " "
                    + t.getLeadId())
        .containsExactly(
            "acme.example cold->warm eli@acme.example", "acme.example warm->hot mark@acme.example");
    assertThat(transitions.get(1).getSequence()).isEqualTo(champion.getTransitionSequence());
    assertThat(transitions.get(1).getModel().getName()).isEqualTo("b2b-accounts");
  }

  @Test
  void watchTransitions_leadWatch_neverSeesAccountTransitions() throws Exception {
    leadscore.streamEvents(profiles());
    leadscore.streamEvents(List.of(webinar("eli@acme.example")));

    List<BandTransition> leads = watch(false, 1);

    assertThat(leads).isNotEmpty().allSatisfy(t -> assertThat(t.getAccountId()).isEmpty());
    assertThat(watchAccounts(1).get(0).getToBand()).isEqualTo("warm");
  }

  @Test
  void deleteLead_champion_accountUpdatedAndNoLongerHot() throws Exception {
    leadscore.streamEvents(profiles());
    leadscore.streamEvents(
        List.of(
            webinar("eli@acme.example"),
            webinar("vera@acme.example"),
            webinar("mark@acme.example")));

    scoring().deleteLead(DeleteLeadRequest.newBuilder().setLeadId("mark@acme.example").build());

    AccountResponse account = getAccount("acme.example");
    assertThat(account.getAccount().getMemberCount()).isEqualTo(5);
    assertThat(account.getAccount().getEngagedRolesMap()).doesNotContainKey("champion");
    assertThat(account.getScore().getBand()).isEqualTo("warm");
    assertThat(account.getAccount().getState().getBand()).isEqualTo("warm");
    List<BandTransition> transitions = watchAccounts(2);
    assertThat(transitions)
        .as("the account's move to hot named mark, so it was erased with him")
        .noneMatch(t -> t.getLeadId().equals("mark@acme.example"));
    BandTransition last = transitions.get(1);
    assertThat(last.getFromBand() + "->" + last.getToBand()).isEqualTo("hot->warm");
    assertThat(last.getLeadId()).as("an erased lead is not named").isEmpty();
  }

  @Test
  void profile_accountIdChanged_leadLeavesOneAccountForTheOther() throws Exception {
    leadscore.streamEvents(profiles());

    LeadScoreUpdate moved =
        leadscore
            .streamEvents(List.of(profile("ina@acme.example", Map.of("account_id", "globex"))))
            .get(0);

    assertThat(moved.getAccountsList())
        .extracting(AccountScoreChange::getAccountId, AccountScoreChange::getLeft)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("acme.example", true),
            org.assertj.core.groups.Tuple.tuple("globex", false));
    assertThat(getAccount("acme.example").getAccount().getMemberCount()).isEqualTo(5);
    assertThat(getAccount("globex").getAccount().getMembersList())
        .extracting(AccountMember::getLeadId)
        .containsExactly("ina@acme.example");
    assertThat(
            scoring()
                .getLead(GetLeadRequest.newBuilder().setLeadId("ina@acme.example").build())
                .getState()
                .getAccountsMap())
        .containsExactly(Map.entry("b2b-accounts", "globex"));
  }

  @Test
  void scoreAccount_sameLeadsWithoutStoring_sameScoreAsTheStoredAccount() throws Exception {
    leadscore.streamEvents(profiles());
    leadscore.streamEvents(
        List.of(
            webinar("eli@acme.example"),
            webinar("vera@acme.example"),
            webinar("mark@acme.example")));
    ScoreAccountRequest.Builder request = ScoreAccountRequest.newBuilder();
    ACME.forEach(
        (id, title) -> {
          Lead.Builder lead = Lead.newBuilder().setId(id).putAllAttributes(attributes(id, title));
          if (List.of("eli@acme.example", "vera@acme.example", "mark@acme.example").contains(id)) {
            lead.addEvents(webinar(id).getEvent());
          }
          request.addLeads(lead);
        });

    AccountResponse scored =
        scoring()
            .scoreAccount(
                request
                    .setAsOf(com.google.protobuf.util.Timestamps.fromMillis(NOW.toEpochMilli()))
                    .build());

    AccountResponse stored = getAccount("acme.example");
    assertThat(scored.getAccount().getId()).isEqualTo("acme.example");
    assertThat(scored.getAccount().hasState()).isFalse();
    assertThat(scored.getScore().toBuilder().clearModel().build())
        .isEqualTo(stored.getScore().toBuilder().clearModel().build());
    assertThat(scored.getAccount().getMembersList())
        .extracting(AccountMember::getLeadId, AccountMember::getScore, AccountMember::getRole)
        .isEqualTo(
            stored.getAccount().getMembersList().stream()
                .map(
                    m ->
                        org.assertj.core.groups.Tuple.tuple(
                            m.getLeadId(), m.getScore(), m.getRole()))
                .toList());
  }

  @Test
  void streamEvents_accountAttributeOfWrongType_invalidArgumentNamingIt() throws Exception {
    LeadScoreUpdate refused =
        leadscore
            .streamEvents(
                List.of(
                    LeadEventMessage.newBuilder()
                        .setLeadId("x@acme.example")
                        .setProfile(
                            ProfileChange.newBuilder()
                                .putSet("account_id", Leads.number(42))
                                .putSet("buying_role", Leads.string("ceo")))
                        .build()))
            .get(0);

    assertThat(refused.getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
    assertThat(fieldViolations(refused.getError()))
        .containsOnly(
            Map.entry(
                "lead.attributes.account_id",
                "a number (expected: a string, the account id for account model b2b-accounts)"),
            Map.entry(
                "lead.attributes.buying_role",
                "\"ceo\" (expected one of the roles of account model b2b-accounts: decision_maker,"
                    + " champion, user)"));
    assertThatThrownBy(
            () ->
                scoring().getLead(GetLeadRequest.newBuilder().setLeadId("x@acme.example").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.NOT_FOUND));
  }

  @Test
  void scoreAccount_badLeads_everyProblemNamed() {
    ScoreAccountRequest request =
        ScoreAccountRequest.newBuilder()
            .addLeads(Lead.newBuilder().setId("a").putAttributes("email", Leads.string("a@x.io")))
            .addLeads(Lead.newBuilder().setId("b").putAttributes("account_id", Leads.number(7)))
            .addLeads(Lead.newBuilder().setId("a"))
            .addLeads(Lead.newBuilder().putAttributes("company_size", Leads.string("big")))
            .setMaxMembers(5000)
            .build();

    assertThatThrownBy(() -> scoring().scoreAccount(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e))
                  .containsOnlyKeys(
                      "max_members",
                      "leads[1].attributes.account_id",
                      "leads[2].id",
                      "leads[3].id",
                      "leads[3].attributes.company_size");
            });
  }

  @Test
  void getAccount_unknownAccountOrLeadModel_notFoundOrInvalidArgument() {
    assertThatThrownBy(() -> getAccount("nobody.example"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.NOT_FOUND));
    assertThatThrownBy(
            () ->
                scoring()
                    .getAccount(
                        GetAccountRequest.newBuilder()
                            .setModel(ModelRef.newBuilder().setName("b2b-default"))
                            .setAccountId("acme.example")
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e))
                  .containsOnly(
                      Map.entry(
                          "model.name",
                          "\"b2b-default\" is a lead model (expected: an account model, e.g."
                              + " b2b-accounts)"));
            });
    assertThatThrownBy(
            () ->
                scoring()
                    .score(
                        dev.leadscore.proto.v1.ScoreRequest.newBuilder()
                            .setModel(ModelRef.newBuilder().setName("b2b-accounts"))
                            .setLead(Leads.coldStudent())
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(fieldViolations(e)).containsOnlyKeys("model.name"));
  }

  private static List<LeadEventMessage> profiles() {
    List<LeadEventMessage> messages = new ArrayList<>();
    ACME.forEach(
        (id, title) ->
            messages.add(
                LeadEventMessage.newBuilder()
                    .setLeadId(id)
                    .setProfile(ProfileChange.newBuilder().putAllSet(attributes(id, title)))
                    .build()));
    return messages;
  }

  private static Map<String, com.google.protobuf.Value> attributes(String id, String title) {
    return Map.of(
        "job_title", Leads.string(title),
        "email", Leads.string(id),
        "company_size", Leads.number(800),
        "industry", Leads.string("Software"));
  }

  private static LeadEventMessage profile(String id, Map<String, String> set) {
    ProfileChange.Builder change = ProfileChange.newBuilder();
    set.forEach((name, value) -> change.putSet(name, Leads.string(value)));
    return LeadEventMessage.newBuilder().setLeadId(id).setProfile(change).build();
  }

  private static LeadEventMessage webinar(String id) {
    return LeadEventMessage.newBuilder()
        .setLeadId(id)
        .setEvent(
            Leads.event("webinar_attended", NOW.minus(Duration.ofHours(1))).toBuilder()
                .setId(id + "-webinar"))
        .build();
  }

  private static AccountScoreChange account(List<LeadScoreUpdate> updates) {
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).getAccountsList()).hasSize(1);
    return updates.get(0).getAccounts(0);
  }

  private static AccountMember member(AccountResponse account, String leadId) {
    return account.getAccount().getMembersList().stream()
        .filter(member -> member.getLeadId().equals(leadId))
        .findFirst()
        .orElseThrow();
  }

  private static Contribution contribution(AccountResponse account, String criterion) {
    return account.getScore().getContributionsList().stream()
        .filter(contribution -> contribution.getCriterion().equals(criterion))
        .findFirst()
        .orElseThrow();
  }

  private AccountResponse getAccount(String accountId) {
    return scoring().getAccount(GetAccountRequest.newBuilder().setAccountId(accountId).build());
  }

  private List<BandTransition> watchAccounts(int count) throws Exception {
    List<BandTransition> all = watch(true, count);
    assertThat(all).as("no more than %s", count).hasSize(count);
    return all;
  }

  /** Every transition the watch delivers, once at least {@code count} came and 200 ms passed. */
  private List<BandTransition> watch(boolean accounts, int count) throws Exception {
    Recorder<WatchTransitionsRequest, BandTransition> watcher = Recorder.eager();
    ScoringServiceGrpc.ScoringServiceStub stub = ScoringServiceGrpc.newStub(leadscore.channel());
    if (accounts) {
      stub.watchAccountTransitions(WatchTransitionsRequest.getDefaultInstance(), watcher);
    } else {
      stub.watchTransitions(WatchTransitionsRequest.getDefaultInstance(), watcher);
    }
    watcher.await(values -> values.size() >= count);
    Thread.sleep(200);
    List<BandTransition> all = watcher.values();
    watcher.cancel();
    return all;
  }
}
