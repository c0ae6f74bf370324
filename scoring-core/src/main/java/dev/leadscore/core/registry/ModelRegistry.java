package dev.leadscore.core.registry;

import java.util.List;

/**
 * Resolves selectors to compiled model versions. Implementations are thread-safe and fast on every
 * call: resolution is on the path of every request.
 */
public interface ModelRegistry {

  /**
   * Resolves a selector: an explicit version, else the label, else the model's {@code stable} label
   * if it has one, else its latest version. An empty name means the default model.
   *
   * @throws dev.leadscore.core.ScoringException {@link
   *     dev.leadscore.core.ScoringErrorCode#MODEL_NOT_FOUND} for an unknown model, version or label
   */
  Resolution resolve(ModelSelector selector);

  /**
   * Resolves a selector for one lead: like {@link #resolve(ModelSelector)}, except that a selector
   * without version or label of a model running a champion/challenger experiment resolves to the
   * arm {@code leadId} is assigned to. Registries without experiments ignore the lead.
   *
   * @param leadId the lead's id; empty for a lead without one
   * @throws dev.leadscore.core.ScoringException as {@link #resolve(ModelSelector)}
   */
  default Resolution resolve(ModelSelector selector, String leadId) {
    return resolve(selector);
  }

  /** The name of the model an empty selector resolves to. */
  String defaultModelName();

  /**
   * The account models whose lead model is {@code leadModel}, each resolved as a selector without
   * version or label would be (experiments aside), by name. Called for every stream input: fast.
   * Registries without account models return an empty list (the default).
   *
   * @since 0.3
   */
  default List<Resolution> accountModels(String leadModel) {
    return List.of();
  }
}
