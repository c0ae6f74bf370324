package com.example.emaildomain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.api.AttributeType;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailDomainCriterionTest {
  private static final CriterionContext CONTEXT = new CriterionContext("m", "email", "fit");

  private static Criterion create(Map<String, ?> config) {
    CriterionConfig criterionConfig = CriterionConfig.of("criteria[0].config", config);
    Criterion criterion = new EmailDomainCriterionFactory().create(criterionConfig, CONTEXT);
    assertThat(criterionConfig.problems()).isEmpty();
    return criterion;
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

    CriterionResult result = criterion.evaluate(FakeLeadView.withEmail(email));

    assertThat(result).isEqualTo(new CriterionResult(points, reason));
    assertThat(criterion.points(FakeLeadView.withEmail(email))).isEqualTo(points);
  }

  @Test
  void evaluate_missingAttribute_invalidPoints() {
    Criterion criterion = create(Map.of("invalid_points", -5.0));

    assertThat(criterion.evaluate(new FakeLeadView(Map.of())))
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

    assertThat(criterion.points(new FakeLeadView(Map.of("work_email", "a@example-mail.org"))))
        .isEqualTo(0);
    assertThat(criterion.points(new FakeLeadView(Map.of("work_email", "a@gmail.com"))))
        .as("gmail.com is not listed once the defaults are off")
        .isEqualTo(25);
    assertThat(criterion.attributeTypes()).isEqualTo(Map.of("work_email", AttributeType.STRING));
  }
}
