package dev.leadscore.core.account;

import com.google.common.collect.ImmutableList;
import dev.leadscore.api.ConfigField;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import dev.leadscore.core.state.AccountView;
import dev.leadscore.proto.v1.AccountMember;
import java.util.List;

/**
 * {@code role_coverage}: points for each buying role that has at least one engaged member, e.g.
 * {@code {"decision_maker": 20, "champion": 10}}. The reason names, per role, the engaged member
 * with the highest score and how many more there are.
 */
final class RoleCoverageCriterion implements Criterion {
  static final AccountCriteria.Type TYPE =
      new AccountCriteria.Type(
          "role_coverage",
          "Account models: points per buying role with an engaged contact.",
          List.of(
              new ConfigField(
                  "points", "object<number>", true, "Points per role covered, by role name.")));

  private record RolePoints(String role, double points) {}

  private final ImmutableList<RolePoints> roles;

  private RoleCoverageCriterion(ImmutableList<RolePoints> roles) {
    this.roles = roles;
  }

  static RoleCoverageCriterion create(CriterionConfig config, AccountDefinition definition) {
    config.allowOnly("points");
    ImmutableList.Builder<RolePoints> roles = ImmutableList.builder();
    if (!config.has("points")) {
      config.problem("points", "missing (expected: points by role, e.g. {\"champion\": 10})");
    }
    config
        .object("points")
        .ifPresent(
            points -> {
              if (points.keys().isEmpty()) {
                config.problem("points", "empty (expected: points for at least one role)");
              }
              for (String role : points.keys()) {
                if (!definition.roleNames().contains(role)) {
                  points.problem(
                      role,
                      "a role the account model does not define (expected one of account.roles: "
                          + String.join(", ", definition.roleNames())
                          + ")");
                }
                roles.add(new RolePoints(role, points.number(role)));
              }
            });
    return new RoleCoverageCriterion(roles.build());
  }

  @Override
  public double points(LeadView lead) {
    AccountView account = AccountLeadView.of(lead);
    double points = 0;
    for (RolePoints role : roles) {
      if (account.engagedRoles().containsKey(role.role())) {
        points += role.points();
      }
    }
    return points;
  }

  @Override
  public CriterionResult evaluate(LeadView lead) {
    AccountView account = AccountLeadView.of(lead);
    double points = 0;
    StringBuilder reason = new StringBuilder();
    for (RolePoints role : roles) {
      if (!reason.isEmpty()) {
        reason.append("; ");
      }
      Integer engaged = account.engagedRoles().get(role.role());
      reason.append(role.role()).append(": ");
      if (engaged == null) {
        reason.append("no engaged contact");
        continue;
      }
      List<AccountMember> best = account.topEngaged(role.role(), 1);
      reason
          .append(Contacts.list(best, engaged))
          .append(' ')
          .append(Contacts.points(role.points()));
      points += role.points();
    }
    return new CriterionResult(points, reason.toString());
  }
}
