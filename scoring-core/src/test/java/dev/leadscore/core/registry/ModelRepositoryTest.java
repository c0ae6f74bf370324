package dev.leadscore.core.registry;

import static dev.leadscore.core.registry.Repositories.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ExperimentArm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {
  @TempDir Path root;

  @Test
  void publish_newModel_writesVersionOneAsCanonicalJsonWithoutLeftovers() throws IOException {
    ModelRepository repository = Repositories.open(root);

    ModelVersion version = repository.publish(model("acme", 20), OptionalLong.empty());

    assertThat(version.version()).isEqualTo(1);
    Path file = root.resolve("acme/1.json");
    byte[] content = Files.readAllBytes(file);
    assertThat(ModelDocuments.parse(new String(content, StandardCharsets.UTF_8), "file"))
        .isEqualTo(model("acme", 20));
    assertThat(version.checksum()).isEqualTo(VersionFiles.checksum(content)).startsWith("sha256:");
    try (Stream<Path> files = Files.list(root.resolve("acme"))) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void publish_again_storesNextVersionAndLeavesEarlierFilesUntouched() throws IOException {
    ModelRepository repository = Repositories.open(root);
    repository.publish(model("acme", 20), OptionalLong.empty());
    byte[] first = Files.readAllBytes(root.resolve("acme/1.json"));

    ModelVersion second = repository.publish(model("acme", 30), OptionalLong.of(1));

    assertThat(second.version()).isEqualTo(2);
    assertThat(Files.readAllBytes(root.resolve("acme/1.json"))).isEqualTo(first);
    assertThat(repository.model("acme").orElseThrow().versions()).containsOnlyKeys(1L, 2L);
  }

  @Test
  void publish_expectedLatestOutdated_conflictAndNothingWritten() {
    ModelRepository repository = Repositories.open(root);
    repository.publish(model("acme", 20), OptionalLong.empty());

    assertThatThrownBy(() -> repository.publish(model("acme", 30), OptionalLong.of(0)))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScoringErrorCode.CONFLICT);
              assertThat(e.getMessage()).contains("latest version of acme is 1");
            });
    assertThat(root.resolve("acme/2.json")).doesNotExist();
  }

  @Test
  void publish_invalidModel_listsEveryProblemAndWritesNothing() {
    ModelRepository repository = Repositories.open(root);
    String json =
        """
        {"name": "acme", "criteria": [
          {"id": "a", "type": "no_such_type", "dimension": "fit"},
          {"id": "b", "type": "attribute", "dimension": "fit",
           "config": {"attribute": "x", "cases": [{"min": "abc", "points": 1}]}}],
         "bands": [{"name": "cold", "min_score": 5}]}
        """;

    assertThatThrownBy(
            () -> repository.publish(ModelDocuments.parse(json, "test"), OptionalLong.empty()))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScoringErrorCode.INVALID_MODEL);
              assertThat(e.violations())
                  .extracting(FieldViolation::field)
                  .contains(
                      "criteria[0].type", "criteria[1].config.cases[0].min", "bands[0].min_score");
            });
    assertThat(root.resolve("acme")).doesNotExist();
  }

  @Test
  void publish_bundledModel_pinsTheBundledCopyAsVersionOne() throws IOException {
    ModelRepository repository = Repositories.openWithBundled(root);
    assertThat(repository.model("bundled").orElseThrow().versions().get(1L).builtin()).isTrue();

    ModelVersion version = repository.publish(model("bundled", 40), OptionalLong.of(1));

    assertThat(version.version()).isEqualTo(2);
    assertThat(Files.readString(root.resolve("bundled/1.json")))
        .isEqualTo(Repositories.json("bundled", 10));
    assertThat(repository.model("bundled").orElseThrow().versions().get(1L).builtin()).isFalse();
  }

  @Test
  void open_sameDirectoryAgain_restoresVersionsLabelsAndExperiment() {
    ModelRepository repository = Repositories.open(root);
    repository.publish(model("acme", 20), OptionalLong.empty());
    repository.publish(model("acme", 30), OptionalLong.empty());
    repository.setLabel("acme", "stable", 1);
    repository.setLabel("acme", "canary", 2);
    Experiment experiment =
        repository.setExperiment(
            Experiment.newBuilder()
                .setModel("acme")
                .setChampion(ExperimentArm.newBuilder().setLabel("stable"))
                .setChallenger(ExperimentArm.newBuilder().setVersion(2))
                .setChallengerPercent(10)
                .build());

    ModelEntry reopened = Repositories.open(root).model("acme").orElseThrow();

    assertThat(reopened.versions()).containsOnlyKeys(1L, 2L);
    assertThat(reopened.labels()).containsEntry("stable", 1L).containsEntry("canary", 2L);
    assertThat(reopened.experiment()).isEqualTo(experiment);
    assertThat(reopened.problems()).isEmpty();
  }

  @Test
  void refresh_fileDroppedInByHand_isServed() throws IOException {
    ModelRepository repository = Repositories.open(root);
    Files.createDirectories(root.resolve("acme"));
    Files.writeString(root.resolve("acme/7.json"), Repositories.json("acme", 20));

    repository.refresh();

    assertThat(repository.model("acme").orElseThrow().isValid(7)).isTrue();
  }

  @Test
  void refresh_versionCorruptedOnDisk_keepsServingTheContentLoadedBefore() throws IOException {
    ModelRepository repository = Repositories.open(root);
    ModelVersion good = repository.publish(model("acme", 20), OptionalLong.empty());
    Files.writeString(root.resolve("acme/1.json"), "{ garbage");

    repository.refresh();

    ModelVersion served = repository.model("acme").orElseThrow().versions().get(1L);
    assertThat(served.valid()).isTrue();
    assertThat(served.document()).isEqualTo(good.document());
    assertThat(served.checksum()).isEqualTo(good.checksum());
    assertThat(served.problems()).singleElement().asString().contains("refused");
  }

  @Test
  void refresh_invalidNewFile_isFailedWhileOtherVersionsServe() throws IOException {
    ModelRepository repository = Repositories.open(root);
    repository.publish(model("acme", 20), OptionalLong.empty());
    Files.writeString(root.resolve("acme/2.json"), Repositories.json("other-name", 20));

    repository.refresh();

    ModelEntry entry = repository.model("acme").orElseThrow();
    assertThat(entry.versions().get(2L).state()).isEqualTo(ModelVersion.State.FAILED);
    assertThat(entry.versions().get(2L).problems()).singleElement().asString().contains("name");
    assertThat(entry.latestValidVersion()).hasValue(1);
    assertThat(repository.publish(model("acme", 5), OptionalLong.empty()).version()).isEqualTo(3);
  }

  @Test
  void refresh_labelsFileNamingFailedVersion_keepsTheLabelWhereItWas() throws IOException {
    ModelRepository repository = Repositories.open(root);
    repository.publish(model("acme", 20), OptionalLong.empty());
    repository.setLabel("acme", "stable", 1);
    Files.writeString(root.resolve("acme/2.json"), "{ garbage");
    Files.writeString(root.resolve("acme/labels.json"), "{\"stable\": 2}");

    repository.refresh();

    ModelEntry entry = repository.model("acme").orElseThrow();
    assertThat(entry.labels()).containsEntry("stable", 1L);
    assertThat(entry.problems()).anySatisfy(p -> assertThat(p).contains("label stable"));
  }

  @Test
  void setLabel_failedOrUnknownVersionOrBadName_refusedAndNothingWritten() throws IOException {
    ModelRepository repository = Repositories.open(root);
    repository.publish(model("acme", 20), OptionalLong.empty());
    Files.writeString(root.resolve("acme/2.json"), "{ garbage");

    assertCode(() -> repository.setLabel("acme", "stable", 2), ScoringErrorCode.CONFLICT);
    assertCode(() -> repository.setLabel("acme", "stable", 9), ScoringErrorCode.MODEL_NOT_FOUND);
    assertCode(() -> repository.setLabel("nope", "stable", 1), ScoringErrorCode.MODEL_NOT_FOUND);
    assertCode(() -> repository.setLabel("acme", "Stable!", 1), ScoringErrorCode.INVALID_REQUEST);
    assertCode(() -> repository.setLabel("../x", "stable", 1), ScoringErrorCode.INVALID_REQUEST);
    assertThat(root.resolve("acme/labels.json")).doesNotExist();
  }

  @Test
  void deleteLabel_armOfExperiment_conflict() {
    ModelRepository repository = Repositories.open(root);
    repository.publish(model("acme", 20), OptionalLong.empty());
    repository.setLabel("acme", "canary", 1);
    repository.setExperiment(
        Experiment.newBuilder()
            .setModel("acme")
            .setChampion(ExperimentArm.newBuilder().setVersion(1))
            .setChallenger(ExperimentArm.newBuilder().setLabel("canary"))
            .setChallengerPercent(50)
            .build());

    assertCode(() -> repository.deleteLabel("acme", "canary"), ScoringErrorCode.CONFLICT);
    repository.deleteExperiment("acme");
    assertThat(repository.deleteLabel("acme", "canary")).isEmpty();
  }

  @Test
  void setExperiment_badArmsAndSplit_everyProblemNamed() {
    ModelRepository repository = Repositories.open(root);
    repository.publish(model("acme", 20), OptionalLong.empty());

    assertThatThrownBy(
            () ->
                repository.setExperiment(
                    Experiment.newBuilder()
                        .setModel("acme")
                        .setChampion(ExperimentArm.newBuilder().setVersion(4))
                        .setChallenger(ExperimentArm.newBuilder().setLabel("canary"))
                        .setChallengerPercent(100)
                        .build()))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e ->
                assertThat(e.violations())
                    .extracting(FieldViolation::field)
                    .containsExactly(
                        "experiment.challenger_percent",
                        "experiment.champion.version",
                        "experiment.challenger.label"));
    assertThat(root.resolve("acme/experiment.json")).doesNotExist();
  }

  private static void assertCode(Runnable call, ScoringErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ScoringException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
