package dev.leadscore.server.events;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.account.AccountChanges;
import dev.leadscore.core.account.AccountOutcome;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.registry.ModelSelector;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.core.state.LeadDeletion;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.AccountScoreChange;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ResolvedModel;
import dev.leadscore.server.internal.Requests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The account side of stored leads: which account models an input's lead model has (none when the
 * store keeps no accounts), the checks of the attributes they read, the accounts changed in an
 * answer, and the removals of an erased lead.
 */
final class StoredAccounts {
  private final ModelRegistry registry;
  private final boolean enabled;

  StoredAccounts(ModelRegistry registry, LeadStore store) {
    this.registry = registry;
    this.enabled = store.supportsAccounts();
  }

  /** The account models of {@code leadModel}. */
  List<Resolution> models(CompiledModel leadModel) {
    return enabled ? registry.accountModels(leadModel.name()) : List.of();
  }

  /**
   * Refuses a profile whose account attributes have the wrong type.
   *
   * @throws ScoringException {@code INVALID_ARGUMENT} naming each attribute
   */
  static void validate(List<Resolution> models, Lead lead) {
    if (models.isEmpty()) {
      return;
    }
    List<FieldViolation> violations = new ArrayList<>(0);
    AccountChanges.validate(models, lead.getAttributesMap(), "lead", violations);
    Requests.failOn(violations);
  }

  /** The account changes of an input, once its update is durable. */
  static void answer(
      LeadScoreUpdate.Builder update, List<AccountOutcome> outcomes, UpdateOutcome outcome) {
    for (int i = 0; i < outcomes.size(); i++) {
      AccountOutcome account = outcomes.get(i);
      if (account.score().isEmpty()) {
        continue;
      }
      ScoreResult score = account.score().get();
      long sequence = i < outcome.accountSequences().size() ? outcome.accountSequences().get(i) : 0;
      boolean known = !account.previous().getAccountId().isEmpty();
      update.addAccounts(
          AccountScoreChange.newBuilder()
              .setAccountId(account.key().accountId())
              .setModel(
                  ResolvedModel.newBuilder()
                      .setName(score.modelName())
                      .setVersion(score.modelVersion())
                      .setLabel(account.model().label()))
              .setScore(score.score())
              .setBand(score.band())
              .setGrade(score.grade())
              .setPreviousBand(known ? account.previous().getBand() : "")
              .setPreviousScore(known ? account.previous().getScore() : 0)
              .setTransitionSequence(sequence)
              .setLeft(account.left()));
    }
  }

  /** Removes an erased lead from its accounts, scored by their account models as of now. */
  LeadDeletion deletion(long nowMillis) {
    return state -> {
      Map<String, Resolution> models = new HashMap<>();
      for (String name : state.getAccountsMap().keySet()) {
        try {
          models.put(name, registry.resolve(new ModelSelector(name, 0, "")));
        } catch (ScoringException e) {
          // The account model is gone: its accounts are no longer scored, nothing to update.
        }
      }
      return AccountChanges.forDeletion(models, state, nowMillis).stream()
          .map(AccountOutcome::change)
          .toList();
    };
  }
}
