package com.example.emaildomain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.testing.Criteria;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailDomainCriterionFactoryTest {
  private static List<String> problems(Map<String, ?> config) {
    return Criteria.problems(new EmailDomainCriterionFactory(), "criteria[2].config", config);
  }

  @Test
  void create_emptyConfig_noProblems() {
    assertThat(problems(Map.of())).isEmpty();
  }

  @Test
  void create_badValues_everyProblemWithItsPath() {
    assertThat(
            problems(
                Map.of(
                    "corporate_points", "ten",
                    "free_domains", List.of("gmail.com", "@bad"),
                    "use_default_lists", "yes",
                    "colour", "blue")))
        .containsExactlyInAnyOrder(
            "criteria[2].config.colour: unknown field (expected one of: attribute,"
                + " corporate_points, disposable_domains, disposable_points, free_domains,"
                + " free_points, invalid_points, use_default_lists)",
            "criteria[2].config.corporate_points: \"ten\" (expected: a number)",
            "criteria[2].config.use_default_lists: \"yes\" (expected: true or false)",
            "criteria[2].config.free_domains[1]: \"@bad\" (expected: a domain such as"
                + " example.com, without @)");
  }

  @Test
  void create_domainInBothLists_refused() {
    assertThat(problems(Map.of("free_domains", List.of("mailinator.com"))))
        .containsExactly(
            "criteria[2].config.free_domains: \"mailinator.com\" is also a disposable domain"
                + " (expected: one list per domain)");
  }
}
