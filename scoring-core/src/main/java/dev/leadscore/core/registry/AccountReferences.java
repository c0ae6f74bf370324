package dev.leadscore.core.registry;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.proto.v1.CriterionSpec;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The checks of an account model that need the repository: its lead model exists, is a lead model,
 * and has the dimension {@code account.engaged} reads (in the version a request without version or
 * label gets).
 */
final class AccountReferences {
  private AccountReferences() {}

  static void check(
      ScoringModel model, Map<String, ModelEntry> models, List<FieldViolation> violations) {
    String leadModel = model.getAccount().getLeadModel();
    if (leadModel.isEmpty() || leadModel.equals(model.getName())) {
      return; // the compiler reports these
    }
    ModelEntry entry = models.get(leadModel);
    ScoringModel document = entry == null ? null : servedDocument(entry);
    if (document == null) {
      violations.add(
          new FieldViolation(
              "account.lead_model",
              '"'
                  + leadModel
                  + "\" (expected: a lead model with a valid version; lead models: "
                  + String.join(", ", leadModels(models))
                  + ")"));
      return;
    }
    if (document.hasAccount()) {
      violations.add(
          new FieldViolation(
              "account.lead_model",
              '"' + leadModel + "\" is an account model (expected: a lead model)"));
      return;
    }
    String dimension = model.getAccount().getEngaged().getDimension();
    TreeSet<String> dimensions = new TreeSet<>();
    for (CriterionSpec criterion : document.getCriteriaList()) {
      dimensions.add(criterion.getDimension());
    }
    if (!dimension.isEmpty() && !dimensions.contains(dimension)) {
      violations.add(
          new FieldViolation(
              "account.engaged.dimension",
              '"'
                  + dimension
                  + "\" (expected a dimension of "
                  + leadModel
                  + ": "
                  + String.join(", ", dimensions)
                  + ")"));
    }
  }

  /** The document a selector without version or label resolves to, or null if none is valid. */
  private static @Nullable ScoringModel servedDocument(ModelEntry entry) {
    Long stable = entry.labels().get(RepositoryModelRegistry.STABLE);
    OptionalLong version = stable != null ? OptionalLong.of(stable) : entry.latestValidVersion();
    if (version.isEmpty()) {
      return null;
    }
    ModelVersion found = entry.versions().get(version.getAsLong());
    return found == null ? null : found.document();
  }

  private static List<String> leadModels(Map<String, ModelEntry> models) {
    return models.values().stream()
        .filter(
            entry -> {
              ScoringModel document = servedDocument(entry);
              return document != null && !document.hasAccount();
            })
        .map(ModelEntry::name)
        .toList();
  }
}
