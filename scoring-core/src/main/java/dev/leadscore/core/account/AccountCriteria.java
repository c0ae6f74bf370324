package dev.leadscore.core.account;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.leadscore.api.ConfigField;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import java.util.List;
import java.util.function.Function;

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
        TopLeadsCriterion.TYPE.name(),
        new Factory(TopLeadsCriterion.TYPE, TopLeadsCriterion::create),
        EngagedContactsCriterion.TYPE.name(),
        new Factory(
            EngagedContactsCriterion.TYPE,
            config -> EngagedContactsCriterion.create(config, definition)),
        RoleCoverageCriterion.TYPE.name(),
        new Factory(
            RoleCoverageCriterion.TYPE,
            config -> RoleCoverageCriterion.create(config, definition)));
  }

  /** The account criterion types as {@code ListCriterionTypes} documents them. */
  public static ImmutableList<Type> types() {
    return ImmutableList.of(
        TopLeadsCriterion.TYPE, EngagedContactsCriterion.TYPE, RoleCoverageCriterion.TYPE);
  }

  /** An account criterion type: its name and documentation. */
  public record Type(String name, String description, List<ConfigField> configFields) {
    public Type {
      configFields = List.copyOf(configFields);
    }
  }

  /** A type bound to how a criterion is made from its configuration in one account model. */
  private record Factory(Type doc, Function<CriterionConfig, Criterion> creator)
      implements CriterionFactory {
    @Override
    public String type() {
      return doc.name();
    }

    @Override
    public String description() {
      return doc.description();
    }

    @Override
    public List<ConfigField> configFields() {
      return doc.configFields();
    }

    @Override
    public Criterion create(CriterionConfig config, CriterionContext context) {
      return creator.apply(config);
    }
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
