package dev.leadscore.server;

import static dev.leadscore.server.Models.defaultWithBonus;
import static dev.leadscore.server.Models.ref;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.leadscore.proto.v1.CriterionSpec;
import dev.leadscore.proto.v1.CriterionType;
import dev.leadscore.proto.v1.GetModelRequest;
import dev.leadscore.proto.v1.GetModelResponse;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ListCriterionTypesRequest;
import dev.leadscore.proto.v1.ListModelsRequest;
import dev.leadscore.proto.v1.ModelInfo;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ModelServiceGrpc.ModelServiceBlockingStub;
import dev.leadscore.proto.v1.ModelVersionInfo;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.PublishModelResponse;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringModel;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.SetLabelRequest;
import dev.leadscore.proto.v1.ValidateModelRequest;
import dev.leadscore.proto.v1.ValidateModelResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelServiceTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore();

  private ModelServiceBlockingStub models() {
    return ModelServiceGrpc.newBlockingStub(leadscore.channel());
  }

  private ScoreResponse score(ModelRef ref) {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel())
        .score(
            ScoreRequest.newBuilder()
                .setModel(ref)
                .setLead(Lead.newBuilder().setId("lead-1"))
                .build());
  }

  private long publish(ScoringModel model) {
    return models()
        .publishModel(PublishModelRequest.newBuilder().setModel(model).build())
        .getVersion()
        .getVersion();
  }

  @Test
  void publishModel_changedDefault_scoresWithTheNewVersion() {
    ScoreResponse before = score(ref(""));

    long version = publish(defaultWithBonus(5));

    ScoreResponse after = score(ref(""));
    assertThat(version).isEqualTo(2);
    assertThat(before.getModel().getVersion()).isEqualTo(1);
    assertThat(after.getModel().getVersion()).isEqualTo(2);
    assertThat(after.getScore()).isEqualTo(before.getScore() + 5);
    assertThat(after.getFiredRulesList()).contains("bonus");
    assertThat(score(ref("b2b-default", 1)).getScore()).isEqualTo(before.getScore());
  }

  @Test
  void setLabel_stableMoved_scoresFollowTheLabel() {
    publish(defaultWithBonus(5));
    models()
        .setLabel(
            SetLabelRequest.newBuilder()
                .setName("b2b-default")
                .setLabel("stable")
                .setVersion(1)
                .build());
    ScoreResponse onOne = score(ref("b2b-default"));

    models()
        .setLabel(
            SetLabelRequest.newBuilder()
                .setName("b2b-default")
                .setLabel("stable")
                .setVersion(2)
                .build());

    ScoreResponse onTwo = score(ref("b2b-default"));
    assertThat(onOne.getModel().getVersion()).isEqualTo(1);
    assertThat(onOne.getModel().getLabel()).isEqualTo("stable");
    assertThat(onTwo.getModel().getVersion()).isEqualTo(2);
    assertThat(onTwo.getModel().getLabel()).isEqualTo("stable");
    assertThat(onTwo.getScore()).isEqualTo(onOne.getScore() + 5);
  }

  @Test
  void publishModel_invalidModel_everyViolationAndTheOldVersionServes() {
    ScoringModel invalid =
        Models.bundledDefault().toBuilder()
            .setCriteria(
                0, CriterionSpec.newBuilder().setId("x").setType("no_such").setDimension("fit"))
            .setBands(0, Models.bundledDefault().getBands(0).toBuilder().setMinScore(7))
            .build();

    assertThatThrownBy(() -> publish(invalid))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e))
                  .containsKeys("model.criteria[0].type", "model.bands[0].min_score");
            });
    assertThat(score(ref("")).getModel().getVersion()).isEqualTo(1);
    assertThat(Files.exists(leadscore.repositoryRoot().resolve("b2b-default/2.json"))).isFalse();
  }

  @Test
  void publishModel_badNameOrMissingModel_invalidArgumentAndNothingWritten() throws Exception {
    ScoringModel badName = Models.bundledDefault().toBuilder().setName("../etc").build();

    assertThatThrownBy(() -> publish(badName))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(fieldViolations(e)).containsOnlyKeys("model.name"));
    assertThatThrownBy(() -> models().publishModel(PublishModelRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(fieldViolations(e)).containsOnlyKeys("model"));
    try (var files = Files.list(leadscore.repositoryRoot())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void publishModel_expectedLatestOutdated_failedPrecondition() {
    publish(defaultWithBonus(5));

    assertThatThrownBy(
            () ->
                models()
                    .publishModel(
                        PublishModelRequest.newBuilder()
                            .setModel(defaultWithBonus(6))
                            .setExpectedLatestVersion(1)
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.FAILED_PRECONDITION);
              assertThat(e.getStatus().getDescription())
                  .contains("latest version of b2b-default is 2");
            });
  }

  @Test
  void validateModel_invalid_everyViolationAndNothingStored() {
    ScoringModel invalid = Models.bundledDefault().toBuilder().setName("").clearCriteria().build();

    ValidateModelResponse response =
        models().validateModel(ValidateModelRequest.newBuilder().setModel(invalid).build());

    assertThat(response.getValid()).isFalse();
    assertThat(response.getViolationsList())
        .extracting(v -> v.getField())
        .contains("model.name", "model.criteria");
    assertThat(
            models()
                .validateModel(
                    ValidateModelRequest.newBuilder().setModel(defaultWithBonus(1)).build())
                .getValid())
        .isTrue();
    assertThat(
            defaultModel(models().listModels(ListModelsRequest.getDefaultInstance()))
                .getVersionsCount())
        .isEqualTo(1);
  }

  @Test
  void validateModel_shortContainsNeedle_validWithWarningAtItsPath() {
    ScoringModel doubtful = withTitleCase(Models.bundledDefault(), "contains", "chief", "coo");

    ValidateModelResponse response =
        models().validateModel(ValidateModelRequest.newBuilder().setModel(doubtful).build());

    assertThat(response.getValid()).isTrue();
    assertThat(response.getViolationsList()).isEmpty();
    assertThat(response.getWarningsList())
        .extracting(w -> w.getField() + ": " + w.getDescription())
        .containsExactly(
            "model.criteria[0].config.cases[5].contains[1]: \"coo\" is 3 letters and matches"
                + " inside words such as \"coordinator\" (expected: a word match, \"words\":"
                + " [\"coo\"])");
    assertThat(
            models()
                .validateModel(
                    ValidateModelRequest.newBuilder().setModel(Models.bundledDefault()).build())
                .getWarningsList())
        .isEmpty();
  }

  @Test
  void validateModel_invalidModelWithShortNeedle_violationsAndWarnings() {
    ScoringModel invalid =
        withTitleCase(Models.bundledDefault(), "contains", "vp").toBuilder().setName("").build();

    ValidateModelResponse response =
        models().validateModel(ValidateModelRequest.newBuilder().setModel(invalid).build());

    assertThat(response.getValid()).isFalse();
    assertThat(response.getViolationsList()).extracting(v -> v.getField()).contains("model.name");
    assertThat(response.getWarningsList())
        .extracting(w -> w.getField())
        .containsExactly("model.criteria[0].config.cases[5].contains[0]");
  }

  @Test
  void publishModel_shortContainsNeedle_publishedWithWarning() {
    ScoringModel doubtful = withTitleCase(Models.bundledDefault(), "contains", "cto");

    PublishModelResponse response =
        models().publishModel(PublishModelRequest.newBuilder().setModel(doubtful).build());

    assertThat(response.getVersion().getVersion()).isEqualTo(2);
    assertThat(response.getWarningsList())
        .extracting(w -> w.getField())
        .containsExactly("model.criteria[0].config.cases[5].contains[0]");
    assertThat(score(ref("")).getModel().getVersion()).isEqualTo(2);
  }

  /** {@code model} with one more job_title case (the sixth), matching {@code needles}. */
  private static ScoringModel withTitleCase(ScoringModel model, String matcher, String... needles) {
    CriterionSpec title = model.getCriteria(0);
    ListValue.Builder list = ListValue.newBuilder();
    for (String needle : needles) {
      list.addValues(Value.newBuilder().setStringValue(needle));
    }
    Struct extraCase =
        Struct.newBuilder()
            .putFields(matcher, Value.newBuilder().setListValue(list).build())
            .putFields("points", Value.newBuilder().setNumberValue(5).build())
            .build();
    Value cases = title.getConfig().getFieldsOrThrow("cases");
    Value moreCases =
        Value.newBuilder()
            .setListValue(
                cases.getListValue().toBuilder()
                    .addValues(Value.newBuilder().setStructValue(extraCase)))
            .build();
    return model.toBuilder()
        .setCriteria(
            0,
            title.toBuilder()
                .setConfig(title.getConfig().toBuilder().putFields("cases", moreCases)))
        .build();
  }

  @Test
  void getModel_byVersionOrLabel_documentAndMetadata_unknownOnesNotFound() {
    publish(defaultWithBonus(5));
    models()
        .setLabel(
            SetLabelRequest.newBuilder()
                .setName("b2b-default")
                .setLabel("canary")
                .setVersion(2)
                .build());

    GetModelResponse byLabel =
        models()
            .getModel(GetModelRequest.newBuilder().setModel(ref("b2b-default", "canary")).build());
    GetModelResponse byVersion =
        models().getModel(GetModelRequest.newBuilder().setModel(ref("b2b-default", 1)).build());

    assertThat(byLabel.getVersion().getVersion()).isEqualTo(2);
    assertThat(byLabel.getModel()).isEqualTo(defaultWithBonus(5));
    assertThat(byVersion.getModel()).isEqualTo(Models.bundledDefault());
    for (ModelRef unknown :
        new ModelRef[] {ref("b2b-default", "nope"), ref("b2b-default", 9), ref("nope")}) {
      assertThatThrownBy(
              () -> models().getModel(GetModelRequest.newBuilder().setModel(unknown).build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class, e -> assertCode(e, Status.Code.NOT_FOUND));
    }
  }

  @Test
  void setLabel_unknownVersionOrModelOrBadLabel_preciseStatusAndNothingWritten() {
    assertThatThrownBy(
            () ->
                models()
                    .setLabel(
                        SetLabelRequest.newBuilder()
                            .setName("b2b-default")
                            .setLabel("stable")
                            .setVersion(4)
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.NOT_FOUND));
    assertThatThrownBy(
            () ->
                models()
                    .setLabel(
                        SetLabelRequest.newBuilder()
                            .setName("nope")
                            .setLabel("stable")
                            .setVersion(1)
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.NOT_FOUND));
    assertThatThrownBy(
            () ->
                models()
                    .setLabel(
                        SetLabelRequest.newBuilder()
                            .setName("b2b-default")
                            .setLabel("")
                            .setVersion(1)
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(fieldViolations(e)).containsOnlyKeys("label"));
    assertThat(Files.exists(leadscore.repositoryRoot().resolve("b2b-default"))).isFalse();
  }

  @Test
  void listModels_versionsLabelsChecksumsAndCacheStats() {
    publish(defaultWithBonus(5));
    models()
        .setLabel(
            SetLabelRequest.newBuilder()
                .setName("b2b-default")
                .setLabel("stable")
                .setVersion(2)
                .build());
    score(ref(""));
    score(ref(""));

    var response = models().listModels(ListModelsRequest.getDefaultInstance());

    ModelInfo model = defaultModel(response);
    assertThat(model.getName()).isEqualTo("b2b-default");
    assertThat(model.getLabelsMap()).containsExactlyEntriesOf(java.util.Map.of("stable", 2L));
    assertThat(model.getVersionsList())
        .extracting(ModelVersionInfo::getVersion, ModelVersionInfo::getState)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, ModelVersionInfo.State.VALID),
            org.assertj.core.groups.Tuple.tuple(2L, ModelVersionInfo.State.VALID));
    assertThat(model.getVersions(1).getChecksum()).startsWith("sha256:").hasSize(71);
    assertThat(model.getVersions(1).hasCreated()).isTrue();
    // Version 2 was compiled when it was published: both calls found it in the cache.
    assertThat(response.getCache().getLoadSuccessCount()).isZero();
    assertThat(response.getCache().getHitCount()).isEqualTo(2);
  }

  @Test
  void publishModel_thenScore_firstScoreDoesNotCompileAgain() {
    var before = models().listModels(ListModelsRequest.getDefaultInstance()).getCache();

    long version = publish(defaultWithBonus(5));
    ScoreResponse first = score(ref("b2b-default", version));

    var after = models().listModels(ListModelsRequest.getDefaultInstance()).getCache();
    assertThat(first.getModel().getVersion()).isEqualTo(version);
    assertThat(first.getFiredRulesList()).contains("bonus");
    assertThat(after.getMissCount()).isEqualTo(before.getMissCount());
    assertThat(after.getLoadSuccessCount()).isEqualTo(before.getLoadSuccessCount());
    assertThat(after.getHitCount()).isEqualTo(before.getHitCount() + 1);
  }

  @Test
  void listCriterionTypes_everyPluginTypeWithItsConfigFields() {
    var types = models().listCriterionTypes(ListCriterionTypesRequest.getDefaultInstance());

    assertThat(types.getTypesList())
        .extracting(CriterionType::getType)
        .contains("attribute", "event_count", "recency");
    CriterionType attribute =
        types.getTypesList().stream()
            .filter(t -> t.getType().equals("attribute"))
            .findFirst()
            .orElseThrow();
    assertThat(attribute.getDescription()).isNotEmpty();
    assertThat(attribute.getConfigFieldsList())
        .anySatisfy(f -> assertThat(f.getName()).isEqualTo("attribute"));
  }

  @Test
  void listCriterionTypes_accountTypes_listedWithTheirFieldsForAccountModelAuthors() {
    var types = models().listCriterionTypes(ListCriterionTypesRequest.getDefaultInstance());

    CriterionType roles =
        types.getTypesList().stream()
            .filter(t -> t.getType().equals("role_coverage"))
            .findFirst()
            .orElseThrow();
    assertThat(roles.getDescription()).startsWith("Account models:");
    assertThat(roles.getConfigFieldsList())
        .singleElement()
        .satisfies(f -> assertThat(f.getName()).isEqualTo("points"));
    assertThat(types.getTypesList())
        .extracting(CriterionType::getType)
        .contains("top_leads", "engaged_contacts")
        .doesNotHaveDuplicates();
  }

  /** The default model's entry; the bundled account model is listed beside it. */
  private static ModelInfo defaultModel(dev.leadscore.proto.v1.ListModelsResponse response) {
    return response.getModelsList().stream()
        .filter(model -> model.getName().equals("b2b-default"))
        .findFirst()
        .orElseThrow();
  }
}
