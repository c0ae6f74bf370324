package dev.leadscore.core.account;

import dev.leadscore.api.ConfigField;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import dev.leadscore.core.state.AccountView;
import dev.leadscore.proto.v1.AccountMember;
import java.util.List;

/**
 * {@code top_leads}: points for the best contacts' scores, {@code points_per_score} × the sum of
 * the {@code count} highest lead scores. Reads only those {@code count} members.
 */
final class TopLeadsCriterion implements Criterion {
  static final AccountCriteria.Type TYPE =
      new AccountCriteria.Type(
          "top_leads",
          "Account models: points_per_score × the sum of the count best lead scores.",
          List.of(
              new ConfigField("count", "integer", true, "How many contacts count, 1 to 100."),
              new ConfigField(
                  "points_per_score", "number", true, "Points per point of lead score.")));

  private static final int MAX_COUNT = 100;

  private final int count;
  private final double pointsPerScore;

  private TopLeadsCriterion(int count, double pointsPerScore) {
    this.count = count;
    this.pointsPerScore = pointsPerScore;
  }

  static Criterion create(CriterionConfig config) {
    config.allowOnly("count", "points_per_score");
    int count = AccountCriteria.integer(config, "count", 1, MAX_COUNT);
    double pointsPerScore = config.number("points_per_score");
    return new TopLeadsCriterion(count, pointsPerScore);
  }

  @Override
  public double points(LeadView lead) {
    double sum = 0;
    for (AccountMember member : AccountLeadView.of(lead).topMembers(count)) {
      sum += member.getScore();
    }
    return sum * pointsPerScore;
  }

  @Override
  public CriterionResult evaluate(LeadView lead) {
    AccountView account = AccountLeadView.of(lead);
    List<AccountMember> top = account.topMembers(count);
    if (top.isEmpty()) {
      return CriterionResult.none("no contacts");
    }
    double sum = 0;
    for (AccountMember member : top) {
      sum += member.getScore();
    }
    double points = sum * pointsPerScore;
    return new CriterionResult(
        points,
        "top "
            + top.size()
            + " of "
            + account.memberCount()
            + (account.memberCount() == 1 ? " contact" : " contacts")
            + " by score: "
            + Contacts.list(top, top.size())
            + ": sum "
            + Contacts.number(sum)
            + " × "
            + Contacts.number(pointsPerScore)
            + " ("
            + Contacts.points(points)
            + ")");
  }
}
