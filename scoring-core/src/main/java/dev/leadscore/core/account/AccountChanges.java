package dev.leadscore.core.account;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.api.AttributeType;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.lead.ExpectedAttribute;
import dev.leadscore.core.lead.Values;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.core.state.AccountChange;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.core.state.AccountMutation;
import dev.leadscore.core.state.AccountUpdate;
import dev.leadscore.proto.v1.AccountMember;
import dev.leadscore.proto.v1.AccountState;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.ResolvedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns a lead's update or erasure into changes of the accounts it belongs to. Each account model
 * of the lead's model places the lead in at most one account; the lead state remembers which
 * ({@code LeadState.accounts}), so a lead whose account attribute changes leaves its old account
 * and joins the new one in the same update, and an erased lead leaves every account.
 */
public final class AccountChanges {
  private AccountChanges() {}

  /**
   * Checks the attributes account models read of a lead: the account attribute and e-mail attribute
   * (strings), the role attribute (a known role) and the account attributes (the types the account
   * model's criteria expect).
   *
   * @param path the lead's path, e.g. {@code lead}: violations name {@code lead.attributes.<name>}
   */
  public static void validate(
      List<Resolution> accountModels,
      Map<String, Value> attributes,
      String path,
      List<FieldViolation> violations) {
    for (Resolution resolution : accountModels) {
      CompiledModel model = resolution.model();
      AccountDefinition account = model.account().orElseThrow();
      account.accountId(attributes, path, violations);
      account.validate(attributes, path, violations);
      for (String name : account.attributes()) {
        ExpectedAttribute expected = model.expectedAttributes().get(name);
        Value value = attributes.get(name);
        AttributeType actual = Values.typeOf(value);
        if (expected != null
            && actual != expected.type()
            && actual != AttributeType.MISSING
            && actual != AttributeType.NULL) {
          violations.add(
              new FieldViolation(
                  path + ".attributes." + name,
                  "a "
                      + actual.displayName()
                      + " (expected: a "
                      + expected.type().displayName()
                      + ", read by criterion "
                      + expected.criterionId()
                      + " of account model "
                      + model.name()
                      + ")"));
        }
      }
    }
  }

  /**
   * The account changes of a lead's update, and {@code next.accounts} set to the accounts the lead
   * now belongs to. A lead attribute of the wrong type counts as absent here: {@link #validate}
   * refuses it where it enters.
   *
   * @param next the lead's next state, its {@code changes} already counted
   * @param leadScore the lead's score by the lead model
   * @param eventId the input's event id, named by account transitions
   */
  public static List<AccountOutcome> forUpdate(
      List<Resolution> accountModels,
      String leadId,
      LeadState current,
      LeadState.Builder next,
      ScoreResult leadScore,
      String eventId,
      long nowMillis) {
    if (accountModels.isEmpty()) {
      return List.of();
    }
    Map<String, Value> attributes = next.getLead().getAttributesMap();
    long version = next.getChanges();
    List<AccountOutcome> outcomes = new ArrayList<>(2);
    List<FieldViolation> ignored = new ArrayList<>(0);
    for (Resolution resolution : accountModels) {
      CompiledModel model = resolution.model();
      AccountDefinition account = model.account().orElseThrow();
      String previous = current.getAccountsOrDefault(model.name(), "");
      String accountId = account.accountId(attributes, "lead", ignored).orElse("");
      if (!previous.isEmpty() && !previous.equals(accountId)) {
        outcomes.add(
            outcome(
                new AccountKey(model.name(), previous),
                resolution,
                leadId,
                version,
                null,
                eventId,
                nowMillis));
      }
      if (accountId.isEmpty()) {
        next.removeAccounts(model.name());
        continue;
      }
      next.putAccounts(model.name(), accountId);
      AccountMember member = account.member(leadId, attributes, leadScore, version, nowMillis);
      outcomes.add(
          outcome(
              new AccountKey(model.name(), accountId),
              resolution,
              leadId,
              version,
              member,
              eventId,
              nowMillis));
    }
    return outcomes;
  }

  /**
   * The removals of erasing a lead, from every account it belongs to whose model still exists;
   * their transitions name no lead, since the lead's id is being erased.
   */
  public static List<AccountOutcome> forDeletion(
      Map<String, Resolution> accountModels, LeadState current, long nowMillis) {
    List<AccountOutcome> outcomes = new ArrayList<>(current.getAccountsCount());
    current
        .getAccountsMap()
        .forEach(
            (modelName, accountId) -> {
              Resolution resolution = accountModels.get(modelName);
              if (resolution != null) {
                outcomes.add(
                    outcome(
                        new AccountKey(modelName, accountId),
                        resolution,
                        current.getLead().getId(),
                        Long.MAX_VALUE,
                        null,
                        "",
                        nowMillis));
              }
            });
    return outcomes;
  }

  private static AccountOutcome outcome(
      AccountKey key,
      Resolution resolution,
      String leadId,
      long version,
      @Nullable AccountMember member,
      String eventId,
      long nowMillis) {
    AccountOutcome outcome = new AccountOutcome(key, resolution, member == null);
    String cause = version == Long.MAX_VALUE ? "" : leadId;
    outcome.change(
        new AccountChange(
            key,
            leadId,
            version,
            Optional.ofNullable(member),
            mutation(outcome, resolution.model(), cause, eventId, nowMillis)));
    return outcome;
  }

  private static AccountMutation mutation(
      AccountOutcome outcome, CompiledModel model, String cause, String eventId, long nowMillis) {
    return (account, current) -> {
      ScoreResult scored;
      try {
        scored = AccountScorer.score(model, account, nowMillis, false);
      } catch (ScoringException e) {
        if (!cause.isEmpty()) {
          throw e;
        }
        // Erasure must not depend on the account model: keep the account's last score.
        return new AccountUpdate(
            current.toBuilder().setChanges(current.getChanges() + 1).build(), Optional.empty());
      }
      outcome.scored(current, scored);
      AccountState next =
          AccountState.newBuilder()
              .setAccountId(account.key().accountId())
              .setModel(model.name())
              .setModelVersion(model.version())
              .setScore(scored.score())
              .setBand(scored.band())
              .setGrade(scored.grade())
              .setChanges(current.getChanges() + 1)
              .setUpdated(Timestamps.fromMillis(nowMillis))
              .build();
      return new AccountUpdate(
          next, transition(model, account.key(), current, scored, cause, eventId, nowMillis));
    };
  }

  /** A band change; a new account entering the lowest band is not one. */
  private static Optional<BandTransition> transition(
      CompiledModel model,
      AccountKey key,
      AccountState current,
      ScoreResult scored,
      String cause,
      String eventId,
      long nowMillis) {
    boolean known = !current.getAccountId().isEmpty();
    String from = known ? current.getBand() : "";
    String unchanged = known ? from : model.document().getBands(0).getName();
    if (scored.band().equals(unchanged)) {
      return Optional.empty();
    }
    return Optional.of(
        BandTransition.newBuilder()
            .setAccountId(key.accountId())
            .setLeadId(cause)
            .setModel(ResolvedModel.newBuilder().setName(model.name()).setVersion(model.version()))
            .setFromBand(from)
            .setToBand(scored.band())
            .setPreviousScore(known ? current.getScore() : 0)
            .setScore(scored.score())
            .setEventId(cause.isEmpty() ? "" : eventId)
            .setTime(Timestamps.fromMillis(nowMillis))
            .build());
  }
}
