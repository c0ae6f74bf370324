package dev.leadscore.core.account;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leadscore.api.ConfigProblem;
import dev.leadscore.proto.v1.AccountMembership;
import dev.leadscore.proto.v1.AccountSpec;
import dev.leadscore.proto.v1.Engagement;
import dev.leadscore.proto.v1.Role;
import dev.leadscore.proto.v1.RoleMatching;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks and compiles the {@code account} section of an account model. Every problem is reported
 * with its path under {@code account.}. Whether the lead model exists, and has the dimension {@code
 * engaged} reads, depends on the repository and is checked there ({@link AccountReferences}).
 */
public final class AccountSpecs {
  private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final Pattern DOMAIN =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
  private static final Set<String> RESERVED =
      Set.of(
          AccountDefinition.CONTACTS,
          AccountDefinition.ENGAGED_CONTACTS,
          AccountDefinition.ENGAGED_ROLES);

  private AccountSpecs() {}

  /** The names account models' criteria and rules see besides the account attributes. */
  public static Set<String> reservedAttributes() {
    return RESERVED;
  }

  /** Compiles {@code model.account}; problems are added, and the result is partial if any. */
  public static AccountDefinition compile(ScoringModel model, List<ConfigProblem> problems) {
    AccountSpec spec = model.getAccount();
    if (!MODEL_NAME.matcher(spec.getLeadModel()).matches()) {
      problems.add(
          new ConfigProblem(
              "account.lead_model",
              describe(spec.getLeadModel()) + " (expected: the name of a lead model)"));
    } else if (spec.getLeadModel().equals(model.getName())) {
      problems.add(
          new ConfigProblem(
              "account.lead_model",
              describe(spec.getLeadModel()) + " is this model (expected: a lead model)"));
    }
    AccountMembership membership = spec.getMembership();
    if (membership.getAttribute().isEmpty() && membership.getEmailAttribute().isEmpty()) {
      problems.add(
          new ConfigProblem(
              "account.membership",
              "no attribute and no email_attribute (expected: at least one, e.g."
                  + " {\"attribute\": \"account_id\", \"email_attribute\": \"email\"})"));
    }
    Set<String> domains = new HashSet<>();
    if (!membership.getReplaceBuiltinFreeMailDomains()) {
      domains.addAll(FreeMailDomains.BUILTIN);
    }
    for (int i = 0; i < membership.getFreeMailDomainsCount(); i++) {
      String domain = membership.getFreeMailDomains(i).toLowerCase(Locale.ROOT);
      if (!DOMAIN.matcher(domain).matches()) {
        problems.add(
            new ConfigProblem(
                "account.membership.free_mail_domains[" + i + "]",
                describe(membership.getFreeMailDomains(i))
                    + " (expected: a domain such as example.com)"));
      }
      domains.add(domain);
    }
    Engagement engaged = spec.getEngaged();
    checkEngaged(spec, engaged, problems);
    ImmutableList<AccountDefinition.Role> roles = roles(spec.getRoles(), problems);
    ImmutableList<String> attributes = attributes(spec.getAttributesList(), problems);
    RoleMatching roleMatching = spec.getRoles();
    return new AccountDefinition(
        model.getName(),
        spec.getLeadModel(),
        membership.getAttribute(),
        membership.getEmailAttribute(),
        ImmutableSet.copyOf(domains),
        engaged.hasMinScore() ? engaged.getMinScore() : Double.NEGATIVE_INFINITY,
        engaged.getDimension(),
        engaged.hasMinPoints() ? engaged.getMinPoints() : Double.NEGATIVE_INFINITY,
        roleMatching.getTitleAttribute().isEmpty() ? "job_title" : roleMatching.getTitleAttribute(),
        roleMatching.getRoleAttribute(),
        roles,
        attributes);
  }

  private static void checkEngaged(
      AccountSpec spec, Engagement engaged, List<ConfigProblem> problems) {
    if (!spec.hasEngaged()
        || (!engaged.hasMinScore()
            && engaged.getDimension().isEmpty()
            && !engaged.hasMinPoints())) {
      problems.add(
          new ConfigProblem(
              "account.engaged",
              "missing (expected: min_score, or dimension and min_points, e.g."
                  + " {\"dimension\": \"engagement\", \"min_points\": 15})"));
      return;
    }
    if (engaged.getDimension().isEmpty() != !engaged.hasMinPoints()) {
      problems.add(
          new ConfigProblem(
              engaged.getDimension().isEmpty()
                  ? "account.engaged.dimension"
                  : "account.engaged.min_points",
              "missing (expected: dimension and min_points together)"));
    }
    if ((engaged.hasMinScore() && !Double.isFinite(engaged.getMinScore()))
        || (engaged.hasMinPoints() && !Double.isFinite(engaged.getMinPoints()))) {
      problems.add(
          new ConfigProblem("account.engaged", "not a finite number (expected: a number)"));
    }
  }

  private static ImmutableList<AccountDefinition.Role> roles(
      RoleMatching matching, List<ConfigProblem> problems) {
    ImmutableList.Builder<AccountDefinition.Role> roles = ImmutableList.builder();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < matching.getRolesCount(); i++) {
      Role role = matching.getRoles(i);
      String path = "account.roles.roles[" + i + "]";
      if (!ROLE.matcher(role.getName()).matches()) {
        problems.add(
            new ConfigProblem(
                path + ".name",
                describe(role.getName())
                    + " (expected: 1 to 32 lowercase letters, digits, '_' or '-',"
                    + " e.g. decision_maker)"));
      } else if (!names.add(role.getName())) {
        problems.add(
            new ConfigProblem(
                path + ".name",
                describe(role.getName()) + " is used twice (expected: unique names)"));
      }
      if (role.getTitleWordsCount() == 0 && matching.getRoleAttribute().isEmpty()) {
        problems.add(
            new ConfigProblem(
                path + ".title_words",
                "empty (expected: words or phrases such as \"vp\", \"head of\")"));
      }
      ImmutableList.Builder<String> needles = ImmutableList.builder();
      for (int w = 0; w < role.getTitleWordsCount(); w++) {
        String needle = TitleWords.normalize(role.getTitleWords(w));
        if (needle.isBlank()) {
          problems.add(
              new ConfigProblem(
                  path + ".title_words[" + w + "]",
                  describe(role.getTitleWords(w)) + " (expected: at least one letter or digit)"));
        } else {
          needles.add(needle);
        }
      }
      roles.add(new AccountDefinition.Role(role.getName(), needles.build()));
    }
    return roles.build();
  }

  private static ImmutableList<String> attributes(
      List<String> attributes, List<ConfigProblem> problems) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < attributes.size(); i++) {
      String name = attributes.get(i);
      String path = "account.attributes[" + i + "]";
      if (name.isEmpty()) {
        problems.add(new ConfigProblem(path, "missing (expected: a lead attribute name)"));
      } else if (RESERVED.contains(name)) {
        problems.add(
            new ConfigProblem(
                path,
                describe(name)
                    + " is computed for every account (expected: another name than "
                    + String.join(", ", RESERVED.stream().sorted().toList())
                    + ")"));
      } else if (!seen.add(name)) {
        problems.add(
            new ConfigProblem(
                path, describe(name) + " is listed twice (expected: each attribute once)"));
      }
    }
    return ImmutableList.copyOf(attributes);
  }

  static String describe(String value) {
    return value.isEmpty() ? "missing" : '"' + value + '"';
  }
}
