package dev.leadscore.core.account;

import dev.leadscore.api.ConfigField;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import dev.leadscore.core.state.AccountView;
import java.util.List;

/**
 * {@code engaged_contacts}: {@code points_per_contact} per engaged member, counting at most {@code
 * max_contacts}. The reason names the best engaged members.
 */
final class EngagedContactsCriterion implements Criterion {
  static final AccountCriteria.Type TYPE =
      new AccountCriteria.Type(
          "engaged_contacts",
          "Account models: points per engaged contact.",
          List.of(
              new ConfigField("points_per_contact", "number", true, "Points per engaged contact."),
              new ConfigField(
                  "max_contacts", "integer", false, "Count at most this many; no cap.")));

  private final double pointsPerContact;
  private final int maxContacts;
  private final String engaged;

  private EngagedContactsCriterion(double pointsPerContact, int maxContacts, String engaged) {
    this.pointsPerContact = pointsPerContact;
    this.maxContacts = maxContacts;
    this.engaged = engaged;
  }

  static Criterion create(CriterionConfig config, AccountDefinition definition) {
    config.allowOnly("points_per_contact", "max_contacts");
    double points = config.number("points_per_contact");
    int max =
        config.has("max_contacts")
            ? AccountCriteria.integer(config, "max_contacts", 1, Integer.MAX_VALUE)
            : Integer.MAX_VALUE;
    return new EngagedContactsCriterion(points, max, definition.engagedDescription());
  }

  @Override
  public double points(LeadView lead) {
    return Math.min(AccountLeadView.of(lead).engagedCount(), maxContacts) * pointsPerContact;
  }

  @Override
  public CriterionResult evaluate(LeadView lead) {
    AccountView account = AccountLeadView.of(lead);
    int count = account.engagedCount();
    if (count == 0) {
      return CriterionResult.none("no engaged contacts (" + engaged + ")");
    }
    int counted = Math.min(count, maxContacts);
    double points = counted * pointsPerContact;
    return new CriterionResult(
        points,
        count
            + (count == 1 ? " engaged contact (" : " engaged contacts (")
            + engaged
            + "): "
            + Contacts.list(account.topEngaged(Contacts.NAMED), count)
            + (counted < count ? ", " + counted + " counted" : "")
            + " ("
            + Contacts.points(points)
            + ")");
  }
}
