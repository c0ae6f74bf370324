package dev.leadscore.core.account;

import static dev.leadscore.core.account.AccountModels.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Value;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which account a lead belongs to, bad lead attributes, and bad account sections. */
class AccountDefinitionTest {
  private final AccountDefinition definition = AccountModels.accountModel().account().orElseThrow();

  @ParameterizedTest(name = "account_id {0}, email {1}: {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "acme, jane@other.example, acme", // the attribute first
        "-, Jane@Acme.Example., acme.example", // else the e-mail domain, lower-cased
        "'', jane@acme.example, acme.example", // an empty id counts as absent
        "-, jane@gmail.com, -", // built-in free-mail domain
        "-, jane@example.net, -", // the model's own free-mail domain
        "-, not-an-address, -",
        "-, @acme.example, -",
        "-, -, -"
      })
  void accountId_attributeElseEmailDomain(String accountId, String email, String expected) {
    Map<String, Value> attributes = new java.util.HashMap<>();
    if (accountId != null) {
      attributes.put("account_id", string(accountId));
    }
    if (email != null) {
      attributes.put("email", string(email));
    }
    List<FieldViolation> violations = new ArrayList<>();

    assertThat(definition.accountId(attributes, "lead", violations))
        .isEqualTo(Optional.ofNullable(expected));
    assertThat(violations).isEmpty();
  }

  @Test
  void accountId_wrongTypes_violationsNamingTheAttributes() {
    List<FieldViolation> violations = new ArrayList<>();

    definition.accountId(
        Map.of(
            "account_id", Value.newBuilder().setNumberValue(42).build(),
            "email", Value.newBuilder().setBoolValue(true).build()),
        "lead",
        violations);
    definition.validate(Map.of("buying_role", string("cfo")), "profile", violations);

    assertThat(violations)
        .containsExactly(
            new FieldViolation(
                "lead.attributes.account_id",
                "a number (expected: a string, the account id for account model accounts)"),
            new FieldViolation(
                "lead.attributes.email",
                "a boolean (expected: a string, an e-mail address for account model accounts)"),
            new FieldViolation(
                "profile.attributes.buying_role",
                "\"cfo\" (expected one of the roles of account model accounts: decision_maker,"
                    + " champion, user)"));
  }

  @Test
  void compile_badAccountSection_everyProblemListedWithItsPath() {
    String json =
        """
        {"name": "accounts",
         "account": {
           "lead_model": "accounts",
           "membership": {"free_mail_domains": ["not a domain"]},
           "engaged": {"dimension": "engagement"},
           "roles": {"roles": [{"name": "Decision Maker", "title_words": ["vp", "--"]},
                               {"name": "user"}, {"name": "user", "title_words": ["analyst"]}]},
           "attributes": ["industry", "contacts", "industry"]},
         "criteria": [
           {"id": "best", "type": "top_leads", "dimension": "engagement",
            "config": {"count": 0, "points_per_score": 1}},
           {"id": "committee", "type": "role_coverage", "dimension": "engagement",
            "config": {"points": {"ceo": 20}}},
           {"id": "size", "type": "attribute", "dimension": "fit",
            "config": {"attribute": "company_size", "cases": [{"min": 500, "points": 15}]}}],
         "bands": [{"name": "cold", "min_score": 0}]}
        """;

    assertThatThrownBy(() -> AccountModels.compile(json))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e ->
                assertThat(
                        e.violations().stream()
                            .collect(
                                Collectors.toMap(
                                    FieldViolation::field,
                                    FieldViolation::description,
                                    (a, b) -> a + " | " + b)))
                    .containsOnlyKeys(
                        "account.lead_model",
                        "account.membership",
                        "account.membership.free_mail_domains[0]",
                        "account.engaged.min_points",
                        "account.roles.roles[0].name",
                        "account.roles.roles[0].title_words[1]",
                        "account.roles.roles[1].title_words",
                        "account.roles.roles[2].name",
                        "account.attributes[1]",
                        "account.attributes[2]",
                        "criteria[0].config.count",
                        "criteria[1].config.points.ceo",
                        "criteria[2]")
                    .containsEntry(
                        "account.lead_model", "\"accounts\" is this model (expected: a lead model)")
                    .containsEntry(
                        "criteria[2]",
                        "reads attribute company_size, which accounts do not have (expected: an"
                            + " attribute listed in account.attributes, or one of contacts,"
                            + " engaged_contacts, engaged_roles)")
                    .containsEntry(
                        "criteria[0].config.count", "0 (expected: an integer from 1 to 100)"));
  }

  @Test
  void compile_accountCriterionInLeadModel_refusedNamingWhereItBelongs() {
    assertThatThrownBy(
            () ->
                AccountModels.compile(
                    """
                    {"name": "leads", "criteria": [{"id": "best", "type": "top_leads",
                      "dimension": "engagement", "config": {"count": 3, "points_per_score": 1}}],
                     "bands": [{"name": "cold", "min_score": 0}]}
                    """))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new FieldViolation(
                            "criteria[0].type",
                            "\"top_leads\" (expected one of: attribute, event_count, recency;"
                                + " top_leads, engaged_contacts and role_coverage only in account"
                                + " models)")));
  }
}
