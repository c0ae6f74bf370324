package dev.leadscore.server.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a caller may do. Each RPC needs one role ({@link MethodRoles}); health and reflection need
 * none. {@link #ADMIN} also grants {@link #VALIDATE} and {@link #READ_MODELS}: whoever may publish
 * a model may check and read models. No role grants access to lead data besides its own: managing
 * models is not reading people's profiles.
 */
public enum Role {
  /** {@code Score}, {@code ScoreBatch}, {@code ScoreStream}: stateless scoring. */
  SCORE("score"),
  /**
   * {@code StreamEvents}, {@code StreamEventBatches}, {@code RecordOutcome}: sending events,
   * profile changes and outcomes, which are stored per lead.
   */
  EVENTS("events"),
  /**
   * {@code GetLead}: reading a stored lead's profile, events and score; {@code EvaluationService}
   * ({@code EvaluateModel}, {@code PreviewImpact}, {@code ExportLeads}): reading every stored lead.
   */
  READ_LEADS("read-leads"),
  /** {@code DeleteLead}: erasing a stored lead. Every call is logged with the caller. */
  DELETE_LEADS("delete-leads"),
  /** {@code WatchTransitions}: the feed of every lead's band changes. */
  WATCH("watch"),
  /** {@code GetModel}, {@code ListModels}, {@code ListCriterionTypes}, {@code GetExperiment}. */
  READ_MODELS("read-models"),
  /** {@code ValidateModel}: compiling a model (which runs plugin factories) without storing it. */
  VALIDATE("validate"),
  /**
   * {@code PublishModel}, {@code SetLabel}, {@code DeleteLabel}, {@code SetExperiment}, {@code
   * DeleteExperiment}. Every call is logged with the caller.
   */
  ADMIN("admin");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  /** The role's name in policy files and messages, e.g. {@code read-leads}. */
  public String label() {
    return label;
  }

  /** The role named {@code label}, if there is one. */
  public static Optional<Role> of(String label) {
    return Arrays.stream(values()).filter(role -> role.label.equals(label)).findFirst();
  }

  /** Every role's label, for messages. */
  public static String labels() {
    return Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));
  }

  /** {@code roles} with what they imply added ({@link #ADMIN} implies two more). */
  static EnumSet<Role> expand(Set<Role> roles) {
    EnumSet<Role> expanded = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    if (expanded.contains(ADMIN)) {
      expanded.add(VALIDATE);
      expanded.add(READ_MODELS);
    }
    return expanded;
  }

  @Override
  public String toString() {
    return label;
  }
}
