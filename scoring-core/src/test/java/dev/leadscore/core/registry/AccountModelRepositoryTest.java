package dev.leadscore.core.registry;

import static dev.leadscore.core.registry.Repositories.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.ScoringModel;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Account models in a repository: the lead model they name, and finding them by it. */
class AccountModelRepositoryTest {
  @TempDir Path root;

  private static ScoringModel accountModel(String name, String leadModel, String dimension) {
    return ModelDocuments.parse(
        """
        {"name": "%s",
         "account": {"lead_model": "%s", "membership": {"attribute": "account_id"},
                     "engaged": {"dimension": "%s", "min_points": 10}},
         "criteria": [{"id": "engaged", "type": "engaged_contacts", "dimension": "engagement",
                       "config": {"points_per_contact": 5}}],
         "bands": [{"name": "cold", "min_score": 0}, {"name": "hot", "min_score": 20}]}
        """
            .formatted(name, leadModel, dimension),
        "test");
  }

  @Test
  void publish_accountModelNamingUnknownLeadModel_validationErrorWithPath() {
    ModelRepository repository = Repositories.open(root);
    repository.publish(model("leads", 20), OptionalLong.empty());

    assertThatThrownBy(
            () ->
                repository.publish(accountModel("accounts", "laeds", "fit"), OptionalLong.empty()))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScoringErrorCode.INVALID_MODEL);
              assertThat(e.violations())
                  .containsExactly(
                      new FieldViolation(
                          "account.lead_model",
                          "\"laeds\" (expected: a lead model with a valid version; lead models:"
                              + " leads)"));
            });
    assertThat(repository.models()).doesNotContainKey("accounts");
  }

  @Test
  void validate_engagedDimensionMissingInLeadModelOrLeadModelIsAccountModel_named() {
    ModelRepository repository = Repositories.open(root);
    repository.publish(model("leads", 20), OptionalLong.empty());
    repository.publish(accountModel("accounts", "leads", "fit"), OptionalLong.empty());

    assertThat(repository.validate(accountModel("other", "leads", "engagement")))
        .containsExactly(
            new FieldViolation(
                "account.engaged.dimension",
                "\"engagement\" (expected a dimension of leads: fit)"));
    assertThat(repository.validate(accountModel("other", "accounts", "fit")))
        .containsExactly(
            new FieldViolation(
                "account.lead_model", "\"accounts\" is an account model (expected: a lead model)"));
  }

  @Test
  void accountModels_byLeadModel_resolvedAndFollowingPublishes() {
    ModelRepository repository = Repositories.open(root);
    repository.publish(model("leads", 20), OptionalLong.empty());
    RepositoryModelRegistry registry =
        new RepositoryModelRegistry(repository, Repositories.COMPILER, "leads", 16);

    assertThat(registry.accountModels("leads")).isEmpty();
    repository.publish(accountModel("accounts", "leads", "fit"), OptionalLong.empty());
    repository.publish(accountModel("accounts", "leads", "fit"), OptionalLong.empty());

    assertThat(registry.accountModels("leads"))
        .extracting(
            resolution -> resolution.model().name(), resolution -> resolution.model().version())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("accounts", 2L));
    assertThat(registry.accountModels("accounts")).isEmpty();
  }
}
