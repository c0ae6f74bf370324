package dev.leadscore.core.registry;

import static dev.leadscore.core.registry.Repositories.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ExperimentArm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryModelRegistryTest {
  @TempDir Path root;

  private RepositoryModelRegistry registry(ModelRepository repository) {
    return new RepositoryModelRegistry(
        repository,
        Repositories.COMPILER,
        "bundled",
        Caffeine.newBuilder().maximumSize(16).executor(Runnable::run));
  }

  private static ModelSelector named(String name) {
    return new ModelSelector(name, 0, "");
  }

  @Test
  void resolve_withoutSelector_stableLabelElseLatestValid() {
    ModelRepository repository = Repositories.openWithBundled(root);
    RepositoryModelRegistry registry = registry(repository);
    repository.publish(model("bundled", 20), OptionalLong.empty());

    assertThat(registry.resolve(named("")).model().version()).isEqualTo(2);
    repository.setLabel("bundled", "stable", 1);
    Resolution stable = registry.resolve(named("bundled"));
    assertThat(stable.model().version()).isEqualTo(1);
    assertThat(stable.label()).isEqualTo("stable");
    assertThat(registry.resolve(new ModelSelector("bundled", 2, "")).model().version())
        .isEqualTo(2);
  }

  @Test
  void resolve_unknownNameVersionOrLabel_notFoundNamingIt() {
    RepositoryModelRegistry registry = registry(Repositories.openWithBundled(root));

    assertThatThrownBy(() -> registry.resolve(named("nope")))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> assertThat(e.code()).isEqualTo(ScoringErrorCode.MODEL_NOT_FOUND));
    assertThatThrownBy(() -> registry.resolve(new ModelSelector("bundled", 3, "")))
        .hasMessageContaining("no version 3");
    assertThatThrownBy(() -> registry.resolve(new ModelSelector("bundled", 0, "canary")))
        .hasMessageContaining("no label canary");
  }

  @Test
  void resolve_concurrentMisses_compilesOnce() throws Exception {
    RepositoryModelRegistry registry = registry(Repositories.openWithBundled(root));
    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<CompiledModel>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        results.add(
            threads.submit(
                () -> {
                  start.await();
                  return registry.resolve(named("bundled")).model();
                }));
      }
      start.countDown();
      for (Future<CompiledModel> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(results.get(0).get());
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(registry.cacheStats().loadCount()).isEqualTo(1);
    assertThat(registry.cacheStats().hitCount() + registry.cacheStats().missCount()).isEqualTo(8);
  }

  @Test
  void resolve_cacheFull_evictsAndRecordsIt() {
    ModelRepository repository = Repositories.openWithBundled(root);
    RepositoryModelRegistry registry =
        new RepositoryModelRegistry(
            repository,
            Repositories.COMPILER,
            "bundled",
            Caffeine.newBuilder().maximumSize(1).executor(Runnable::run));
    repository.publish(model("bundled", 20), OptionalLong.empty());

    registry.resolve(new ModelSelector("bundled", 1, ""));
    registry.resolve(new ModelSelector("bundled", 2, ""));

    assertThat(registry.cacheStats().evictionCount()).isEqualTo(1);
    assertThat(registry.cachedVersions()).isEqualTo(1);
  }

  @Test
  void resolve_experiment_sameLeadSameArmAndNearTheSplit() {
    ModelRepository repository = Repositories.openWithBundled(root);
    RepositoryModelRegistry registry = registry(repository);
    repository.publish(model("bundled", 20), OptionalLong.empty());
    repository.setLabel("bundled", "stable", 1);
    repository.setExperiment(
        Experiment.newBuilder()
            .setModel("bundled")
            .setChampion(ExperimentArm.newBuilder().setLabel("stable"))
            .setChallenger(ExperimentArm.newBuilder().setVersion(2))
            .setChallengerPercent(10)
            .build());

    Map<String, Long> versionByArm = new HashMap<>();
    int challengers = 0;
    for (int i = 0; i < 10_000; i++) {
      Resolution first = registry.resolve(named("bundled"), "lead-" + i);
      Resolution again = registry.resolve(named("bundled"), "lead-" + i);
      assertThat(again.arm()).isEqualTo(first.arm());
      versionByArm.put(first.arm(), first.model().version());
      challengers += first.arm().equals("challenger") ? 1 : 0;
    }

    assertThat(challengers).isBetween(850, 1150);
    assertThat(versionByArm).containsEntry("champion", 1L).containsEntry("challenger", 2L);
    assertThat(registry.resolve(named("bundled"), "").arm()).isEqualTo("champion");
    assertThat(registry.resolve(new ModelSelector("bundled", 2, ""), "lead-1").arm()).isEmpty();
  }

  @Test
  void create_defaultModelWithoutValidVersion_startupFailedListingProblems() {
    ModelRepository repository = Repositories.open(root);

    assertThatThrownBy(
            () -> new RepositoryModelRegistry(repository, Repositories.COMPILER, "missing", 16))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> assertThat(e.code()).isEqualTo(ScoringErrorCode.STARTUP_FAILED));
  }
}
