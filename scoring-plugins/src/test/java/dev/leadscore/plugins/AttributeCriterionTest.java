package dev.leadscore.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.api.AttributeType;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import dev.leadscore.testing.Criteria;
import dev.leadscore.testing.FakeLeadView;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AttributeCriterionTest {

  private static final AttributeCriterionFactory FACTORY = new AttributeCriterionFactory();

  private static Criterion criterion(String attribute, Map<?, ?>... cases) {
    return Criteria.create(FACTORY, Map.of("attribute", attribute, "cases", List.of(cases)));
  }

  private static LeadView lead(String attribute, @Nullable Object value) {
    return FakeLeadView.builder().attribute(attribute, value).build();
  }

  private static CriterionResult evaluate(Criterion criterion, LeadView lead) {
    CriterionResult result = criterion.evaluate(lead);
    assertThat(criterion.points(lead)).isEqualTo(result.points());
    return result;
  }

  @Test
  void evaluate_titleContainsVp_addsTwentyPoints() {
    Criterion criterion =
        criterion("job_title", Map.of("contains", List.of("VP", "vice president"), "points", 20.0));

    assertThat(evaluate(criterion, lead("job_title", "SVP Sales")))
        .isEqualTo(new CriterionResult(20, "job_title contains \"vp\" (+20)"));
  }

  @Test
  void evaluate_titleContainsSecondNeedle_namesThatNeedle() {
    Criterion criterion =
        criterion("job_title", Map.of("contains", List.of("vp", "vice president"), "points", 20.0));

    assertThat(evaluate(criterion, lead("job_title", "Vice President, Marketing")).reason())
        .isEqualTo("job_title contains \"vice president\" (+20)");
  }

  @Test
  void evaluate_titleWithoutNeedle_matchesNoCase() {
    Criterion criterion = criterion("job_title", Map.of("contains", List.of("vp"), "points", 20.0));

    assertThat(evaluate(criterion, lead("job_title", "Engineer")))
        .isEqualTo(CriterionResult.none("job_title: no case matched"));
  }

  @Test
  void evaluate_equalsOtherCase_matches() {
    Criterion criterion = criterion("job_title", Map.of("equals", "Director", "points", 15.0));

    assertThat(evaluate(criterion, lead("job_title", "DIRECTOR")))
        .isEqualTo(new CriterionResult(15, "job_title is \"director\" (+15)"));
    assertThat(evaluate(criterion, lead("job_title", "Director of Sales")).points()).isZero();
  }

  @Test
  void evaluate_equalsNumberOrBoolean_matchesSameValueOnly() {
    Criterion seats = criterion("seats", Map.of("equals", 5.0, "points", 3.0));
    Criterion customer = criterion("is_customer", Map.of("equals", true, "points", -50.0));

    assertThat(evaluate(seats, lead("seats", 5.0)).reason()).isEqualTo("seats is 5 (+3)");
    assertThat(evaluate(seats, lead("seats", 6.0)).points()).isZero();
    assertThat(evaluate(customer, lead("is_customer", true)).reason())
        .isEqualTo("is_customer is true (-50)");
    assertThat(evaluate(customer, lead("is_customer", false)).points()).isZero();
  }

  @Test
  void evaluate_oneOfOtherCase_matches() {
    Criterion criterion =
        criterion("industry", Map.of("one_of", List.of("Software", "SaaS"), "points", 10.0));

    assertThat(evaluate(criterion, lead("industry", "saas")))
        .isEqualTo(new CriterionResult(10, "industry is one of [software, saas] (+10)"));
    assertThat(evaluate(criterion, lead("industry", "SaaS tools")).points()).isZero();
  }

  @Test
  void evaluate_rangeBounds_minInclusiveMaxExclusive() {
    Criterion criterion =
        criterion("company_size", Map.of("min", 200.0, "max", 1000.0, "points", 10.0));

    assertThat(evaluate(criterion, lead("company_size", 200.0)))
        .isEqualTo(new CriterionResult(10, "company_size in [200, 1000) (+10)"));
    assertThat(evaluate(criterion, lead("company_size", 999.5)).points()).isEqualTo(10);
    assertThat(evaluate(criterion, lead("company_size", 1000.0)).points()).isZero();
    assertThat(evaluate(criterion, lead("company_size", 199.0)).points()).isZero();
  }

  @Test
  void evaluate_openRanges_describeOneBound() {
    Criterion criterion =
        criterion(
            "company_size",
            Map.of("max", 10.0, "points", -10.0),
            Map.of("min", 1000.0, "points", 25.5));

    assertThat(evaluate(criterion, lead("company_size", 3.0)).reason())
        .isEqualTo("company_size < 10 (-10)");
    assertThat(evaluate(criterion, lead("company_size", 5000.0)).reason())
        .isEqualTo("company_size >= 1000 (+25.5)");
  }

  @Test
  void evaluate_stringMatchersOnNumber_doNotMatch() {
    Criterion criterion = criterion("job_title", Map.of("contains", List.of("1"), "points", 1.0));

    assertThat(evaluate(criterion, lead("job_title", 100.0)).points()).isZero();
  }

  @Test
  void evaluate_missingOrNullEmail_givesPenalty() {
    Criterion criterion = criterion("email", Map.of("missing", true, "points", -5.0));

    assertThat(evaluate(criterion, FakeLeadView.builder().build()))
        .isEqualTo(new CriterionResult(-5, "email is missing (-5)"));
    assertThat(evaluate(criterion, lead("email", null)).points()).isEqualTo(-5);
    assertThat(evaluate(criterion, lead("email", "a@b.example")).points()).isZero();
  }

  @Test
  void evaluate_presentPhone_givesPoints() {
    Criterion criterion = criterion("phone", Map.of("present", true, "points", 2.0));

    assertThat(evaluate(criterion, lead("phone", "+1 555")).reason())
        .isEqualTo("phone is present (+2)");
    assertThat(evaluate(criterion, lead("phone", null)).points()).isZero();
  }

  @Test
  void evaluate_firstMode_takesFirstMatchingCaseOnly() {
    Criterion criterion =
        criterion(
            "job_title",
            Map.of("contains", List.of("chief"), "points", 30.0),
            Map.of("contains", List.of("officer"), "points", 5.0));

    assertThat(evaluate(criterion, lead("job_title", "Chief Revenue Officer")))
        .isEqualTo(new CriterionResult(30, "job_title contains \"chief\" (+30)"));
  }

  @Test
  void evaluate_sumMode_addsMatchingCasesAndJoinsReasons() {
    Criterion criterion =
        Criteria.create(
            FACTORY,
            Map.of(
                "attribute", "job_title",
                "match", "sum",
                "cases",
                    List.of(
                        Map.of("contains", List.of("chief"), "points", 30.0),
                        Map.of("contains", List.of("intern"), "points", 50.0),
                        Map.of("contains", List.of("officer"), "points", -5.0))));

    assertThat(evaluate(criterion, lead("job_title", "Chief Revenue Officer")))
        .isEqualTo(
            new CriterionResult(
                25, "job_title contains \"chief\" (+30); job_title contains \"officer\" (-5)"));
  }

  @Test
  void evaluate_noCaseWithDefaultPoints_givesDefault() {
    Map<String, Object> cases = Map.of("one_of", List.of("software"), "points", 10.0);
    Criterion first =
        Criteria.create(
            FACTORY,
            Map.of("attribute", "industry", "default_points", -2.0, "cases", List.of(cases)));
    Criterion sum =
        Criteria.create(
            FACTORY,
            Map.of(
                "attribute",
                "industry",
                "match",
                "sum",
                "default_points",
                3.0,
                "cases",
                List.of(cases)));

    assertThat(evaluate(first, lead("industry", "retail")))
        .isEqualTo(new CriterionResult(-2, "industry: no case matched (-2 default)"));
    assertThat(evaluate(sum, FakeLeadView.builder().build()))
        .isEqualTo(new CriterionResult(3, "industry: no case matched (+3 default)"));
  }

  @Test
  void attributeTypes_byMatchers_declaresExpectedType() {
    assertThat(criterion("size", Map.of("min", 1.0, "points", 1.0)).attributeTypes())
        .containsExactly(Map.entry("size", AttributeType.NUMBER));
    assertThat(
            criterion(
                    "size",
                    Map.of("equals", 3.0, "points", 1.0),
                    Map.of("missing", true, "points", 1.0))
                .attributeTypes())
        .containsExactly(Map.entry("size", AttributeType.NUMBER));
    assertThat(criterion("title", Map.of("one_of", List.of("a"), "points", 1.0)).attributeTypes())
        .containsExactly(Map.entry("title", AttributeType.STRING));
    assertThat(criterion("vip", Map.of("equals", false, "points", 1.0)).attributeTypes())
        .containsExactly(Map.entry("vip", AttributeType.BOOLEAN));
    assertThat(criterion("email", Map.of("present", true, "points", 1.0)).attributeTypes())
        .isEmpty();
  }
}
