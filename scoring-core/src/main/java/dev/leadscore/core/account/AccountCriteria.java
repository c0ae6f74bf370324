package dev.leadscore.core.account;

import com.google.common.collect.ImmutableMap;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionFactory;

/**
 * The criterion types only account models have: {@code top_leads}, {@code engaged_contacts} and
 * {@code role_coverage}. They read the account's members, which plugin criteria (given a {@code
 * LeadView}) cannot; an account model may use plugin types as well, which read the account's
 * attributes.
 */
public final class AccountCriteria {
  private AccountCriteria() {}

  /** The account criterion types of an account model with this definition, by type. */
  public static ImmutableMap<String, CriterionFactory> factories(AccountDefinition definition) {
    return ImmutableMap.of(
        TopLeadsCriterion.TYPE,
        TopLeadsCriterion.factory(),
        EngagedContactsCriterion.TYPE,
        EngagedContactsCriterion.factory(definition),
        RoleCoverageCriterion.TYPE,
        RoleCoverageCriterion.factory(definition));
  }

  /** A required integer from {@code min} to {@code max}; reports it and returns {@code min}. */
  static int integer(CriterionConfig config, String key, int min, int max) {
    double value = config.number(key);
    if (!(config.raw(key) instanceof Double)) {
      return min;
    }
    if (value != Math.rint(value) || value < min || value > max) {
      config.problem(
          key,
          Contacts.number(value)
              + " (expected: an integer from "
              + min
              + (max == Integer.MAX_VALUE ? " up" : " to " + max)
              + ")");
      return min;
    }
    return (int) value;
  }
}
