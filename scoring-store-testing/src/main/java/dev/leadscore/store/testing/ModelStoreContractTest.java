package dev.leadscore.store.testing;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.Engine;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.core.registry.ModelEntry;
import dev.leadscore.core.registry.ModelStore;
import dev.leadscore.core.registry.ModelVersion;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ExperimentArm;
import dev.leadscore.proto.v1.ScoringModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ModelStore} contract. A model store proves itself by extending this class in its tests
 * (depend on {@code dev.leadscore:scoring-store-testing} in {@code test} scope) and implementing
 * {@link #open}. Models are compiled with the built-in criteria ({@code scoring-plugins} on the
 * test class path).
 */
public abstract class ModelStoreContractTest {
  /** A compiler with the built-in criterion types. */
  protected static final ModelCompiler COMPILER = Engine.builtin().compiler();

  private final List<ModelStore> opened = new ArrayList<>();

  /**
   * Opens the store under test, serving {@code bundled} (name to canonical JSON) as version 1 where
   * it has none. Every call in one test must reach the same stored models, so that a test can open
   * a second store (a restart, or a second replica) and see the first one's writes.
   */
  protected abstract ModelStore open(Map<String, byte[]> bundled);

  private ModelStore store() {
    return store(Map.of());
  }

  private ModelStore store(Map<String, byte[]> bundled) {
    ModelStore store = open(bundled);
    opened.add(store);
    return store;
  }

  @AfterEach
  public void closeStores() {
    opened.forEach(ModelStore::close);
  }

  /** A valid model giving {@code points} to a VP. */
  protected static String json(String name, int points) {
    return """
        {"name": "%s", "criteria": [{"id": "title", "type": "attribute", "dimension": "fit",
          "config": {"attribute": "job_title", "cases": [{"contains": ["vp"], "points": %d}]}}],
         "bands": [{"name": "cold", "min_score": 0}, {"name": "hot", "min_score": 50}]}
        """
        .formatted(name, points);
  }

  protected static ScoringModel model(String name, int points) {
    return ModelDocuments.parse(json(name, points), "test");
  }

  @Test
  public void publish_newModel_versionOneInTheSnapshotAtOnce() {
    ModelStore store = store();

    ModelVersion version = store.publish(model("acme", 20), OptionalLong.empty());

    assertThat(version.version()).isEqualTo(1);
    assertThat(version.valid()).isTrue();
    assertThat(version.checksum()).startsWith("sha256:");
    ModelVersion stored = version(store.model("acme").orElseThrow(), 1);
    assertThat(stored.document()).isEqualTo(model("acme", 20));
    assertThat(stored.checksum()).isEqualTo(version.checksum());
    assertThat(stored.builtin()).isFalse();
  }

  @Test
  public void publish_again_nextVersionAndEarlierOnesUnchanged() {
    ModelStore store = store();
    ModelVersion first = store.publish(model("acme", 20), OptionalLong.empty());

    ModelVersion second = store.publish(model("acme", 30), OptionalLong.of(1));

    assertThat(second.version()).isEqualTo(2);
    ModelEntry entry = store.model("acme").orElseThrow();
    assertThat(entry.versions()).containsOnlyKeys(1L, 2L);
    assertThat(version(entry, 1).checksum()).isEqualTo(first.checksum());
    assertThat(version(entry, 1).document()).isEqualTo(model("acme", 20));
    assertThat(entry.latestValidVersion()).hasValue(2);
  }

  @Test
  public void publish_expectedLatestOutdated_conflictNamingTheLatestAndNothingWritten() {
    ModelStore store = store();
    store.publish(model("acme", 20), OptionalLong.empty());

    assertThatThrownBy(() -> store.publish(model("acme", 30), OptionalLong.of(0)))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScoringErrorCode.CONFLICT);
              assertThat(e.getMessage()).contains("latest version of acme is 1");
            });
    store.refresh();
    assertThat(store.model("acme").orElseThrow().versions()).containsOnlyKeys(1L);
  }

  @Test
  public void publish_invalidModel_everyProblemNamedAndNothingWritten() {
    ModelStore store = store();
    String json =
        """
        {"name": "acme", "criteria": [
          {"id": "a", "type": "no_such_type", "dimension": "fit"},
          {"id": "b", "type": "attribute", "dimension": "fit",
           "config": {"attribute": "x", "cases": [{"min": "abc", "points": 1}]}}],
         "bands": [{"name": "cold", "min_score": 5}]}
        """;

    assertThatThrownBy(
            () -> store.publish(ModelDocuments.parse(json, "test"), OptionalLong.empty()))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScoringErrorCode.INVALID_MODEL);
              assertThat(e.violations())
                  .extracting(FieldViolation::field)
                  .contains(
                      "criteria[0].type", "criteria[1].config.cases[0].min", "bands[0].min_score");
            });
    store.refresh();
    assertThat(store.model("acme")).isEmpty();
  }

  @Test
  public void bundled_untouched_servedAsBuiltinVersionOne() {
    ModelStore store = store(bundled());

    ModelEntry entry = store.model("bundled").orElseThrow();

    assertThat(entry.versions()).containsOnlyKeys(1L);
    assertThat(version(entry, 1).builtin()).isTrue();
    assertThat(version(entry, 1).document()).isEqualTo(model("bundled", 10));
  }

  @Test
  public void bundled_publishExpectingOne_pinsTheBundledCopyAsVersionOne() {
    ModelStore store = store(bundled());

    ModelVersion version = store.publish(model("bundled", 40), OptionalLong.of(1));

    assertThat(version.version()).isEqualTo(2);
    ModelEntry reopened =
        store(Map.of("bundled", json("bundled", 99).getBytes(StandardCharsets.UTF_8)))
            .model("bundled")
            .orElseThrow();
    assertThat(version(reopened, 1).builtin()).isFalse();
    assertThat(version(reopened, 1).document()).isEqualTo(model("bundled", 10));
    assertThat(version(reopened, 2).document()).isEqualTo(model("bundled", 40));
  }

  @Test
  public void setLabel_validVersions_pointsAndMovesTheLabel() {
    ModelStore store = store();
    store.publish(model("acme", 20), OptionalLong.empty());
    store.publish(model("acme", 30), OptionalLong.empty());

    assertThat(store.setLabel("acme", "stable", 1)).containsExactlyEntriesOf(Map.of("stable", 1L));
    assertThat(store.setLabel("acme", "stable", 2)).containsExactlyEntriesOf(Map.of("stable", 2L));
    assertThat(store.model("acme").orElseThrow().labels())
        .containsExactlyEntriesOf(Map.of("stable", 2L));
  }

  @Test
  public void setLabel_unknownVersionModelOrBadNames_refusedAndNothingWritten() {
    ModelStore store = store();
    store.publish(model("acme", 20), OptionalLong.empty());

    assertCode(() -> store.setLabel("acme", "stable", 7), ScoringErrorCode.MODEL_NOT_FOUND);
    assertCode(() -> store.setLabel("nope", "stable", 1), ScoringErrorCode.MODEL_NOT_FOUND);
    assertCode(() -> store.setLabel("acme", "Not A Label", 1), ScoringErrorCode.INVALID_REQUEST);
    assertCode(() -> store.setLabel("Bad Name", "stable", 1), ScoringErrorCode.INVALID_REQUEST);
    store.refresh();
    assertThat(store.model("acme").orElseThrow().labels()).isEmpty();
  }

  @Test
  public void deleteLabel_existingOrUnknown_removedOrNotFound() {
    ModelStore store = store();
    store.publish(model("acme", 20), OptionalLong.empty());
    store.setLabel("acme", "canary", 1);

    assertThat(store.deleteLabel("acme", "canary")).isEmpty();
    assertCode(() -> store.deleteLabel("acme", "canary"), ScoringErrorCode.MODEL_NOT_FOUND);
  }

  @Test
  public void deleteLabel_armOfTheExperiment_conflictAndLabelKept() {
    ModelStore store = store();
    store.publish(model("acme", 20), OptionalLong.empty());
    store.publish(model("acme", 30), OptionalLong.empty());
    store.setLabel("acme", "stable", 1);
    store.setExperiment(experiment("acme", "stable", 2, 10));

    assertCode(() -> store.deleteLabel("acme", "stable"), ScoringErrorCode.CONFLICT);
    assertThat(store.model("acme").orElseThrow().labels()).containsKey("stable");
  }

  @Test
  public void setExperiment_valid_storedWithItsCreationTimeAndDeletedOnce() {
    ModelStore store = store();
    store.publish(model("acme", 20), OptionalLong.empty());
    store.publish(model("acme", 30), OptionalLong.empty());
    store.setLabel("acme", "stable", 1);

    Experiment stored = store.setExperiment(experiment("acme", "stable", 2, 10));

    assertThat(stored.hasCreated()).isTrue();
    assertThat(stored.toBuilder().clearCreated().build())
        .isEqualTo(experiment("acme", "stable", 2, 10));
    assertThat(store.model("acme").orElseThrow().experiment()).isEqualTo(stored);
    store.deleteExperiment("acme");
    assertThat(store.model("acme").orElseThrow().experiment()).isNull();
    assertCode(() -> store.deleteExperiment("acme"), ScoringErrorCode.MODEL_NOT_FOUND);
  }

  @Test
  public void setExperiment_badArmsAndSplit_everyProblemNamed() {
    ModelStore store = store();
    store.publish(model("acme", 20), OptionalLong.empty());

    assertThatThrownBy(() -> store.setExperiment(experiment("acme", "nope", 9, 0)))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScoringErrorCode.INVALID_REQUEST);
              assertThat(e.violations())
                  .extracting(FieldViolation::field)
                  .containsExactlyInAnyOrder(
                      "experiment.challenger_percent",
                      "experiment.champion.label",
                      "experiment.challenger.version");
            });
    assertThat(store.model("acme").orElseThrow().experiment()).isNull();
  }

  @Test
  public void open_again_restoresVersionsLabelsAndExperiment() {
    ModelStore store = store();
    store.publish(model("acme", 20), OptionalLong.empty());
    store.publish(model("acme", 30), OptionalLong.empty());
    store.setLabel("acme", "stable", 1);
    store.setLabel("acme", "canary", 2);
    Experiment experiment = store.setExperiment(experiment("acme", "stable", 2, 10));

    ModelEntry reopened = store().model("acme").orElseThrow();

    assertThat(reopened.versions()).containsOnlyKeys(1L, 2L);
    assertThat(reopened.labels()).containsEntry("stable", 1L).containsEntry("canary", 2L);
    assertThat(reopened.experiment()).isEqualTo(experiment);
    assertThat(reopened.problems()).isEmpty();
  }

  @Test
  public void refresh_writesThroughAnotherStoreOnTheSameData_seen() {
    ModelStore first = store();
    ModelStore second = store();
    first.publish(model("acme", 20), OptionalLong.empty());
    first.setLabel("acme", "stable", 1);

    second.refresh();

    ModelEntry seen = second.model("acme").orElseThrow();
    assertThat(version(seen, 1).document()).isEqualTo(model("acme", 20));
    assertThat(seen.labels()).containsEntry("stable", 1L);
  }

  /** Version {@code number} of {@code entry}; fails the test if there is none. */
  private static ModelVersion version(ModelEntry entry, long number) {
    ModelVersion version = entry.versions().get(number);
    assertThat(version).as(entry.name() + " version " + number).isNotNull();
    return requireNonNull(version);
  }

  private static Map<String, byte[]> bundled() {
    return Map.of("bundled", json("bundled", 10).getBytes(StandardCharsets.UTF_8));
  }

  private static Experiment experiment(
      String model, String championLabel, long challengerVersion, int percent) {
    return Experiment.newBuilder()
        .setModel(model)
        .setChampion(ExperimentArm.newBuilder().setLabel(championLabel))
        .setChallenger(ExperimentArm.newBuilder().setVersion(challengerVersion))
        .setChallengerPercent(percent)
        .build();
  }

  private static void assertCode(Runnable call, ScoringErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ScoringException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
