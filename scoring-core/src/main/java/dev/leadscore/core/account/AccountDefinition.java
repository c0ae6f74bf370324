package dev.leadscore.core.account;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.lead.LeadValidation;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.proto.v1.AccountMember;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The compiled {@code account} section of an account model: which account a lead belongs to, its
 * buying role, whether it counts as engaged, and which of its attributes describe the account.
 * Immutable and thread-safe; built by {@link AccountSpecs}.
 */
public final class AccountDefinition {
  /** The attributes an account model's criteria and rules see besides the account attributes. */
  public static final String CONTACTS = "contacts";

  public static final String ENGAGED_CONTACTS = "engaged_contacts";
  public static final String ENGAGED_ROLES = "engaged_roles";

  /** Account ids longer than this are refused, as lead ids are. */
  public static final int MAX_ACCOUNT_ID_LENGTH = LeadValidation.MAX_LEAD_ID_LENGTH;

  /** A role and the normalized words of its title needles. */
  record Role(String name, ImmutableList<String> needles) {}

  private final String modelName;
  private final String leadModel;
  private final String accountAttribute;
  private final String emailAttribute;
  private final ImmutableSet<String> freeMailDomains;
  private final double minScore;
  private final String engagedDimension;
  private final double minPoints;
  private final String titleAttribute;
  private final String roleAttribute;
  private final ImmutableList<Role> roles;
  private final ImmutableList<String> attributes;

  AccountDefinition(
      String modelName,
      String leadModel,
      String accountAttribute,
      String emailAttribute,
      ImmutableSet<String> freeMailDomains,
      double minScore,
      String engagedDimension,
      double minPoints,
      String titleAttribute,
      String roleAttribute,
      ImmutableList<Role> roles,
      ImmutableList<String> attributes) {
    this.modelName = modelName;
    this.leadModel = leadModel;
    this.accountAttribute = accountAttribute;
    this.emailAttribute = emailAttribute;
    this.freeMailDomains = freeMailDomains;
    this.minScore = minScore;
    this.engagedDimension = engagedDimension;
    this.minPoints = minPoints;
    this.titleAttribute = titleAttribute;
    this.roleAttribute = roleAttribute;
    this.roles = roles;
    this.attributes = attributes;
  }

  /** The name of the lead model whose leads are the members. */
  public String leadModel() {
    return leadModel;
  }

  /** The lead model dimension {@code engaged} reads; empty if it reads none. */
  public String engagedDimension() {
    return engagedDimension;
  }

  /** The buying roles, in matching order. */
  public List<String> roleNames() {
    return roles.stream().map(Role::name).toList();
  }

  /** The lead attributes that describe the account. */
  public List<String> attributes() {
    return attributes;
  }

  /** What "engaged" means, for reasons: e.g. {@code engagement ≥ 15}. */
  String engagedDescription() {
    String dimension =
        engagedDimension.isEmpty() ? "" : engagedDimension + " ≥ " + number(minPoints);
    String score = minScore == Double.NEGATIVE_INFINITY ? "" : "score ≥ " + number(minScore);
    return dimension.isEmpty() ? score : score.isEmpty() ? dimension : score + " and " + dimension;
  }

  /**
   * The account a lead with these attributes belongs to: its account attribute, else the domain of
   * its e-mail address unless it is a free-mail domain. A value of the wrong type is a violation at
   * {@code path.attributes.<name>}.
   */
  public Optional<String> accountId(
      Map<String, Value> leadAttributes, String path, List<FieldViolation> violations) {
    if (!accountAttribute.isEmpty()) {
      String id = string(leadAttributes, accountAttribute, path, "the account id", violations);
      if (id != null && !id.isEmpty()) {
        if (id.length() > MAX_ACCOUNT_ID_LENGTH) {
          violations.add(
              new FieldViolation(
                  path + ".attributes." + accountAttribute,
                  id.length()
                      + " characters (expected: an account id of at most "
                      + MAX_ACCOUNT_ID_LENGTH
                      + ")"));
          return Optional.empty();
        }
        return Optional.of(id);
      }
    }
    if (!emailAttribute.isEmpty()) {
      String email = string(leadAttributes, emailAttribute, path, "an e-mail address", violations);
      if (email != null) {
        return domain(email);
      }
    }
    return Optional.empty();
  }

  private Optional<String> domain(String email) {
    int at = email.lastIndexOf('@');
    String domain = email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    while (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    if (at < 1
        || domain.indexOf('.') < 1
        || domain.length() > MAX_ACCOUNT_ID_LENGTH
        || freeMailDomains.contains(domain)) {
      return Optional.empty();
    }
    return Optional.of(domain);
  }

  /**
   * Checks the attributes this definition reads besides the account id: the role attribute must be
   * a string naming a role.
   */
  public void validate(
      Map<String, Value> leadAttributes, String path, List<FieldViolation> violations) {
    if (roleAttribute.isEmpty()) {
      return;
    }
    String role = string(leadAttributes, roleAttribute, path, "a buying role", violations);
    if (role != null && !role.isEmpty() && roles.stream().noneMatch(r -> r.name().equals(role))) {
      violations.add(
          new FieldViolation(
              path + ".attributes." + roleAttribute,
              '"'
                  + role
                  + "\" (expected one of the roles of account model "
                  + modelName
                  + ": "
                  + String.join(", ", roleNames())
                  + ")"));
    }
  }

  /**
   * The member entry of a lead: its score, role, engagement and account attributes.
   *
   * @param version the lead's change count
   */
  public AccountMember member(
      String leadId,
      Map<String, Value> leadAttributes,
      ScoreResult score,
      long version,
      long nowMillis) {
    Value titleValue = leadAttributes.get(titleAttribute);
    String title =
        titleValue != null && titleValue.hasStringValue() ? titleValue.getStringValue() : "";
    AccountMember.Builder member =
        AccountMember.newBuilder()
            .setLeadId(leadId)
            .setScore(score.score())
            .setBand(score.band())
            .setGrade(score.grade())
            .setRole(role(leadAttributes, title))
            .setEngaged(engaged(score))
            .setTitle(title)
            .setLeadModelVersion(score.modelVersion())
            .setVersion(version)
            .setUpdated(Timestamps.fromMillis(nowMillis));
    for (String attribute : attributes) {
      Value value = leadAttributes.get(attribute);
      if (value != null && value.getKindCase() != Value.KindCase.NULL_VALUE) {
        member.putAttributes(attribute, value);
      }
    }
    return member.build();
  }

  private String role(Map<String, Value> leadAttributes, String title) {
    if (!roleAttribute.isEmpty()) {
      Value explicit = leadAttributes.get(roleAttribute);
      if (explicit != null && explicit.hasStringValue() && !explicit.getStringValue().isEmpty()) {
        return explicit.getStringValue();
      }
    }
    if (title.isEmpty() || roles.isEmpty()) {
      return "";
    }
    String words = TitleWords.normalize(title);
    for (Role role : roles) {
      for (String needle : role.needles()) {
        if (TitleWords.contains(words, needle)) {
          return role.name();
        }
      }
    }
    return "";
  }

  private boolean engaged(ScoreResult score) {
    if (score.score() < minScore) {
      return false;
    }
    if (engagedDimension.isEmpty()) {
      return true;
    }
    int index = score.dimensionNames().indexOf(engagedDimension);
    return index >= 0 && score.dimensionPoints(index) >= minPoints;
  }

  private @Nullable String string(
      Map<String, Value> leadAttributes,
      String name,
      String path,
      String meaning,
      List<FieldViolation> violations) {
    Value value = leadAttributes.get(name);
    if (value == null || value.getKindCase() == Value.KindCase.NULL_VALUE) {
      return null;
    }
    if (!value.hasStringValue()) {
      violations.add(
          new FieldViolation(
              path + ".attributes." + name,
              "a "
                  + dev.leadscore.core.lead.Values.typeOf(value).displayName()
                  + " (expected: a string, "
                  + meaning
                  + " for account model "
                  + modelName
                  + ")"));
      return null;
    }
    return value.getStringValue();
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
