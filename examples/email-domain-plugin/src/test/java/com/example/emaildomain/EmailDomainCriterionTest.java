package com.example.emaildomain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.api.AttributeType;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.testing.Criteria;
import dev.leadscore.testing.FakeLeadView;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailDomainCriterionTest {
  private static Criterion create(Map<String, ?> config) {
    return Criteria.create(new EmailDomainCriterionFactory(), config);
  }

  private static FakeLeadView withEmail(String email) {
    return FakeLeadView.builder().attribute("email", email).build();
  }

  @ParameterizedTest
  @CsvSource({
    "ada@acme-corp.com, 10, e-mail domain acme-corp.com is corporate (+10)",
    "ada@Gmail.com, 0, e-mail domain gmail.com is free webmail (+0)",
    "x@mailinator.com, -20, e-mail domain mailinator.com is disposable (-20)",
    "x@eu.mailinator.com, -20, e-mail domain eu.mailinator.com is disposable (-20)",
    "not-an-address, 0, email is not an e-mail address (+0)",
    "ada@localhost, 0, email is not an e-mail address (+0)",
  })
  void evaluate_defaults_pointsAndReasonOfTheDomainClass(
      String email, double points, String reason) {
    Criterion criterion = create(Map.of());

    CriterionResult result = criterion.evaluate(withEmail(email));

    assertThat(result).isEqualTo(new CriterionResult(points, reason));
    assertThat(criterion.points(withEmail(email))).isEqualTo(points);
  }

  @Test
  void evaluate_missingAttribute_invalidPoints() {
    Criterion criterion = create(Map.of("invalid_points", -5.0));

    assertThat(criterion.evaluate(FakeLeadView.builder().build()))
        .isEqualTo(new CriterionResult(-5, "email is not an e-mail address (-5)"));
  }

  @Test
  void evaluate_configuredListsAndPoints_used() {
    Criterion criterion =
        create(
            Map.of(
                "attribute",
                "work_email",
                "corporate_points",
                25.0,
                "free_domains",
                java.util.List.of("Example-Mail.org"),
                "use_default_lists",
                false));

    assertThat(
            criterion.points(
                FakeLeadView.builder().attribute("work_email", "a@example-mail.org").build()))
        .isEqualTo(0);
    assertThat(
            criterion.points(FakeLeadView.builder().attribute("work_email", "a@gmail.com").build()))
        .as("gmail.com is not listed once the defaults are off")
        .isEqualTo(25);
    assertThat(criterion.attributeTypes()).isEqualTo(Map.of("work_email", AttributeType.STRING));
  }
}
