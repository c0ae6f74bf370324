package dev.leadscore.server;

import static dev.leadscore.server.StreamEventsTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.AccountResponse;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ExperimentArm;
import dev.leadscore.proto.v1.GetAccountRequest;
import dev.leadscore.proto.v1.GetExperimentRequest;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ListModelsRequest;
import dev.leadscore.proto.v1.ModelInfo;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelVersionInfo;
import dev.leadscore.proto.v1.ProfileChange;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.ScoreAccountRequest;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.SetExperimentRequest;
import dev.leadscore.proto.v1.SetLabelRequest;
import dev.leadscore.proto.v1.WatchTransitionsRequest;
import dev.leadscore.store.redis.RedisClusterExtension;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two server replicas on one real Redis Cluster, each called through its own channel: what a client
 * of either one relies on.
 */
class ReplicasTest {
  @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();

  private final String location = RedisReplica.location(CLUSTER, "");
  private final List<RedisReplica> replicas = new ArrayList<>();

  private RedisReplica replica() {
    RedisReplica replica = RedisReplica.start(location);
    replicas.add(replica);
    return replica;
  }

  @AfterEach
  void stopReplicas() throws InterruptedException {
    for (RedisReplica replica : replicas) {
      replica.close();
    }
  }

  @Test
  void watchTransitions_clientOnB_seesTransitionsCausedThroughA() throws Exception {
    RedisReplica a = replica();
    RedisReplica b = replica();
    Recorder<WatchTransitionsRequest, BandTransition> watcher = Recorder.eager();
    b.scoringAsync().watchTransitions(WatchTransitionsRequest.getDefaultInstance(), watcher);

    stream(a, hotLeads(0, 50));

    List<BandTransition> seen = watcher.await(values -> values.size() == 50);
    assertThat(seen)
        .extracting(BandTransition::getSequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
    assertThat(seen)
        .extracting(BandTransition::getLeadId)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 50).mapToObj(i -> "lead-" + i).toList());
    assertThat(seen).allMatch(t -> t.getToBand().equals("hot"));
  }

  @Test
  void watchTransitions_reconnectToTheOtherReplica_resumesWithoutGapOrRepeat() throws Exception {
    RedisReplica a = replica();
    RedisReplica b = replica();
    ExecutorService writers = Executors.newFixedThreadPool(2);
    Future<?> throughA = writers.submit(() -> stream(a, hotLeads(0, 150)));
    Future<?> throughB = writers.submit(() -> stream(b, hotLeads(150, 300)));
    Recorder<WatchTransitionsRequest, BandTransition> first = Recorder.manual(100);
    a.scoringAsync().watchTransitions(WatchTransitionsRequest.getDefaultInstance(), first);
    List<BandTransition> seen = new ArrayList<>(first.await(values -> values.size() == 100));
    first.cancel();

    Recorder<WatchTransitionsRequest, BandTransition> second = Recorder.eager();
    b.scoringAsync()
        .watchTransitions(
            WatchTransitionsRequest.newBuilder()
                .setFromSequence(seen.get(99).getSequence() + 1)
                .build(),
            second);
    throughA.get(30, TimeUnit.SECONDS);
    throughB.get(30, TimeUnit.SECONDS);
    writers.shutdown();
    seen.addAll(second.await(values -> values.size() == 200));

    assertThat(seen)
        .extracting(BandTransition::getSequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
    assertThat(seen).extracting(BandTransition::getLeadId).doesNotHaveDuplicates().hasSize(300);
  }

  @Test
  void publishModel_throughA_servedByBWithinOneSecond() {
    RedisReplica a = replica();
    RedisReplica b = replica();
    assertThat(scoredVersion(b, ModelRef.getDefaultInstance())).isEqualTo(1);

    long started = System.nanoTime();
    long version =
        a.models()
            .publishModel(
                PublishModelRequest.newBuilder()
                    .setModel(Models.defaultWithBonus(5))
                    .setExpectedLatestVersion(1)
                    .build())
            .getVersion()
            .getVersion();

    assertThat(version).isEqualTo(2);
    awaitWithinOneSecond(started, () -> scoredVersion(b, ModelRef.getDefaultInstance()) == 2);
  }

  @Test
  void publishModel_bothReplicasAtOnceExpectingTheSameLatest_oneVersionOneFailedPrecondition()
      throws Exception {
    RedisReplica a = replica();
    RedisReplica b = replica();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService publishers = Executors.newFixedThreadPool(2);
    List<Future<String>> outcomes = new ArrayList<>();
    for (RedisReplica replica : List.of(a, b)) {
      outcomes.add(
          publishers.submit(
              () -> {
                start.await();
                try {
                  return "version "
                      + replica
                          .models()
                          .publishModel(
                              PublishModelRequest.newBuilder()
                                  .setModel(Models.defaultWithBonus(replica == a ? 5 : 7))
                                  .setExpectedLatestVersion(1)
                                  .build())
                          .getVersion()
                          .getVersion();
                } catch (StatusRuntimeException e) {
                  return e.getStatus().getCode().name();
                }
              }));
    }
    start.countDown();
    List<String> results = new ArrayList<>();
    for (Future<String> outcome : outcomes) {
      results.add(outcome.get(30, TimeUnit.SECONDS));
    }
    publishers.shutdown();

    assertThat(results).containsExactlyInAnyOrder("version 2", "FAILED_PRECONDITION");
  }

  @Test
  void labelsAndExperiments_setThroughA_servedByBWithinOneSecond() {
    RedisReplica a = replica();
    RedisReplica b = replica();
    a.models()
        .publishModel(
            PublishModelRequest.newBuilder().setModel(Models.defaultWithBonus(5)).build());

    long started = System.nanoTime();
    a.models()
        .setLabel(
            SetLabelRequest.newBuilder()
                .setName("b2b-default")
                .setLabel("canary")
                .setVersion(2)
                .build());
    Experiment experiment =
        a.models()
            .setExperiment(
                SetExperimentRequest.newBuilder()
                    .setExperiment(
                        Experiment.newBuilder()
                            .setModel("b2b-default")
                            .setChampion(ExperimentArm.newBuilder().setVersion(1))
                            .setChallenger(ExperimentArm.newBuilder().setLabel("canary"))
                            .setChallengerPercent(10))
                    .build());

    awaitWithinOneSecond(
        started,
        () -> {
          try {
            return b.models()
                .getExperiment(GetExperimentRequest.newBuilder().setName("b2b-default").build())
                .equals(experiment);
          } catch (StatusRuntimeException e) {
            return false;
          }
        });
    assertThat(scoredVersion(b, Models.ref("b2b-default", "canary"))).isEqualTo(2);
  }

  @Test
  void bundledModels_noModelsDirectory_servedAsVersionOneByEveryReplica() {
    RedisReplica a = replica();
    RedisReplica b = replica();

    for (RedisReplica replica : List.of(a, b)) {
      List<ModelInfo> models =
          replica.models().listModels(ListModelsRequest.getDefaultInstance()).getModelsList();
      assertThat(models)
          .extracting(ModelInfo::getName)
          .containsExactlyInAnyOrder("b2b-default", "b2b-accounts");
      for (ModelInfo model : models) {
        assertThat(model.getVersionsList())
            .as(model.getName())
            .extracting(ModelVersionInfo::getVersion, ModelVersionInfo::getBuiltin)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, true));
      }
      assertThat(scoredVersion(replica, ModelRef.getDefaultInstance())).isEqualTo(1);
    }
    assertThat(a.runtime().registry().repository().location()).startsWith("redis://");
  }

  private static long scoredVersion(RedisReplica replica, ModelRef model) {
    return replica
        .scoring()
        .score(
            ScoreRequest.newBuilder()
                .setModel(model)
                .setLead(Leads.hotVp(InProcessLeadscore.NOW))
                .build())
        .getModel()
        .getVersion();
  }

  private static void awaitWithinOneSecond(long started, Supplier<Boolean> served) {
    while (!served.get()) {
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
          .as("milliseconds since the write")
          .isLessThan(1000);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void accounts_redisStore_accountScoringWorksStoredAccountsUnimplementedNamingTheStore()
      throws Exception {
    RedisReplica a = replica();
    Lead vera =
        Lead.newBuilder()
            .setId("vera@acme.example")
            .putAttributes("email", Leads.string("vera@acme.example"))
            .putAttributes("job_title", Leads.string("VP of Sales"))
            .build();

    AccountResponse scored =
        a.scoring().scoreAccount(ScoreAccountRequest.newBuilder().addLeads(vera).build());
    assertThat(scored.getAccount().getId()).isEqualTo("acme.example");
    assertThat(scored.getScore().getModel().getName()).isEqualTo("b2b-accounts");

    Recorder<LeadEventMessage, LeadScoreUpdate> answers = Recorder.eager();
    StreamObserver<LeadEventMessage> requests = a.scoringAsync().streamEvents(answers);
    requests.onNext(
        LeadEventMessage.newBuilder()
            .setLeadId(vera.getId())
            .setProfile(ProfileChange.newBuilder().putAllSet(vera.getAttributesMap()))
            .build());
    requests.onCompleted();
    assertThat(answers.awaitCompletion()).isTrue();
    assertThat(answers.values()).singleElement().satisfies(u -> assertThat(u.hasError()).isFalse());
    assertThat(answers.values().get(0).getAccountsList()).as("no account is kept").isEmpty();

    assertThatThrownBy(
            () ->
                a.scoring()
                    .getAccount(
                        GetAccountRequest.newBuilder().setAccountId("acme.example").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, ReplicasTest::noAccounts);
    Recorder<WatchTransitionsRequest, BandTransition> watch = Recorder.eager();
    a.scoringAsync().watchAccountTransitions(WatchTransitionsRequest.getDefaultInstance(), watch);
    assertThat(watch.awaitCompletion()).isFalse();
    noAccounts((StatusRuntimeException) watch.error());
  }

  private static void noAccounts(StatusRuntimeException e) {
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(e.getStatus().getDescription())
        .contains("keeps no accounts")
        .contains("--store rocksdb:DIR")
        .contains("redis://");
  }

  static List<LeadEventMessage> hotLeads(int from, int to) {
    List<LeadEventMessage> messages = new ArrayList<>();
    for (int i = from; i < to; i++) {
      messages.add(event("lead-" + i, "demo", "demo_request"));
    }
    return messages;
  }

  /** Sends {@code messages} on one stream and waits until each is answered without error. */
  static Void stream(RedisReplica replica, List<LeadEventMessage> messages) throws Exception {
    Recorder<LeadEventMessage, LeadScoreUpdate> responses = Recorder.eager();
    StreamObserver<LeadEventMessage> requests = replica.scoringAsync().streamEvents(responses);
    messages.forEach(requests::onNext);
    requests.onCompleted();
    assertThat(responses.awaitCompletion()).isTrue();
    assertThat(responses.values()).hasSize(messages.size()).noneMatch(LeadScoreUpdate::hasError);
    return null;
  }
}
