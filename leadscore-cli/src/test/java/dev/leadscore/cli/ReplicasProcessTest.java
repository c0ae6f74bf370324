package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.Rule;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringModel;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.WatchTransitionsRequest;
import dev.leadscore.server.EventPump;
import dev.leadscore.server.LeadscoreRuntime;
import dev.leadscore.store.redis.RedisClusterExtension;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when", as a new user would do it: a local Redis Cluster from {@code
 * scripts/redis-cluster}, two {@code leadscore serve --store redis://…} processes on different
 * ports, events for the same 100 leads streamed through both at once, a watch on one replica, a
 * model published through the other, and one replica killed with SIGKILL mid-stream.
 */
class ReplicasProcessTest {
  @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();

  private static final int LEADS = 100;
  private static final int EVENTS_PER_STREAM = 1_000;
  private static final String[] TYPES = {"page_view", "email_open", "content_download"};

  /** A line of the server's log: java.util.logging's format starts it with the time. */
  private static final Pattern LOG_LINE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT");

  @TempDir Path directory;

  @Test
  void twoReplicas_sharedLeadsTransitionsAndModels_nothingAcknowledgedLostWhenOneIsKilled()
      throws Exception {
    String store =
        "redis://"
            + String.join(",", CLUSTER.nodes())
            + "?key-prefix=e"
            + Long.toHexString(ThreadLocalRandom.current().nextLong());
    long now = System.currentTimeMillis();
    // The store reaches A through its --config file and B through LEADSCORE_STORE: were either
    // ignored, that replica would keep its leads in a local ./data and the checks below would fail.
    Path config = Files.writeString(directory.resolve("a.properties"), "store=" + store + "\n");
    try (ServerProcess a =
            ServerProcess.startWith(directory, "a", Map.of(), "--config", config.toString());
        ServerProcess b =
            ServerProcess.startWith(directory, "b", Map.of("LEADSCORE_STORE", store))) {
      ManagedChannel toA = channel(a.port());
      ManagedChannel toB = channel(b.port());
      ConcurrentLinkedQueue<BandTransition> watched = new ConcurrentLinkedQueue<>();
      ScoringServiceGrpc.newStub(toB)
          .watchTransitions(WatchTransitionsRequest.getDefaultInstance(), collect(watched));

      // The same 100 leads through both replicas at once.
      EventPump throughA = new EventPump(messages("a", now));
      EventPump throughB = new EventPump(messages("b", now));
      ScoringServiceGrpc.newStub(toA).streamEvents(throughA);
      ScoringServiceGrpc.newStub(toB).streamEvents(throughB);
      assertThat(throughA.await(60)).isTrue();
      assertThat(throughB.await(60)).isTrue();
      assertThat(throughA.errors() + throughB.errors()).isZero();
      Set<String> acknowledged = new HashSet<>(throughA.acknowledged());
      acknowledged.addAll(throughB.acknowledged());
      assertThat(acknowledged).hasSize(2 * EVENTS_PER_STREAM);
      assertThat(storedEventIds(toA)).as("through A").isEqualTo(acknowledged);
      assertThat(storedEventIds(toB)).as("through B").isEqualTo(acknowledged);

      // Transitions caused through A reach a watcher on B.
      awaitTrue(10_000, () -> watched.stream().anyMatch(t -> t.getEventId().startsWith("a")));
      assertThat(watched).extracting(BandTransition::getSequence).doesNotHaveDuplicates();

      // A model published through A is served by B within a second.
      long published = System.nanoTime();
      long version =
          ModelServiceGrpc.newBlockingStub(toA)
              .publishModel(
                  PublishModelRequest.newBuilder()
                      .setModel(bonusModel())
                      .setExpectedLatestVersion(1)
                      .build())
              .getVersion()
              .getVersion();
      assertThat(version).isEqualTo(2);
      awaitTrue(1_000, () -> scoredVersion(toB) == 2);
      System.out.printf(
          "publish through A -> served by B: %d ms%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - published));

      // A killed with SIGKILL in the middle of streams through both.
      EventPump secondA = new EventPump(messages("a2", now));
      EventPump secondB = new EventPump(messages("b2", now));
      ScoringServiceGrpc.newStub(toA).streamEvents(secondA);
      ScoringServiceGrpc.newStub(toB).streamEvents(secondB);
      awaitTrue(30_000, () -> secondA.acknowledged().size() >= 200);
      a.kill();
      secondA.await(10);
      assertThat(secondB.await(60)).isTrue();
      assertThat(secondA.acknowledged().size())
          .as("acknowledged by A before it died")
          .isBetween(200, EVENTS_PER_STREAM - 1);
      acknowledged.addAll(secondA.acknowledged());
      acknowledged.addAll(secondB.acknowledged());
      Set<String> stored = storedEventIds(toB);
      assertThat(stored).as("every acknowledged event, through B").containsAll(acknowledged);
      toA.shutdownNow();
      toB.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    // Leads and models are in the cluster: neither replica wrote ./data or ./models.
    try (var written = Files.list(directory.resolve("a"))) {
      assertThat(written).as("A's working directory").isEmpty();
    }
    try (var written = Files.list(directory.resolve("b"))) {
      assertThat(written).as("B's working directory").isEmpty();
    }
  }

  @Test
  void serve_redisDown_oneLineErrorAndNonZeroExit() throws Exception {
    Process process =
        ServerProcess.launch(
            directory, "down", directory.resolve("down.port"), "--store", "redis://127.0.0.1:1");

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(directory.resolve("down.log"), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(
            output
                .lines()
                .filter(line -> !line.isBlank())
                .filter(line -> !LOG_LINE.matcher(line).lookingAt())
                .filter(line -> !line.startsWith("WARNING: ")))
        .as("everything but the log and the JVM's own warnings (native access, Unsafe on 25)")
        .singleElement()
        .asString()
        .startsWith("leadscore: cannot reach Redis Cluster at 127.0.0.1:1: ")
        .contains("Connection refused");
    assertThat(output).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(directory.resolve("down.port")).doesNotExist();
  }

  /** Every stored event of the 100 leads as {@code lead/event}; fails on a doubled event. */
  private static Set<String> storedEventIds(ManagedChannel channel) {
    Set<String> ids = new HashSet<>();
    for (int lead = 0; lead < LEADS; lead++) {
      String leadId = "lead-" + lead;
      LeadState state =
          ScoringServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .getLead(GetLeadRequest.newBuilder().setLeadId(leadId).build())
              .getState();
      List<String> events = new ArrayList<>();
      for (LeadEvent event : state.getLead().getEventsList()) {
        events.add(leadId + "/" + event.getId());
      }
      assertThat(events).as("events of " + leadId).doesNotHaveDuplicates();
      long counted = state.getEventTypesMap().values().stream().mapToLong(s -> s.getCount()).sum();
      assertThat(counted).as("per-type counts of " + leadId).isEqualTo(events.size());
      ids.addAll(events);
    }
    return ids;
  }

  /** Events for the 100 leads, ids {@code prefix-i}; every lead gets one demo request. */
  private static List<LeadEventMessage> messages(String prefix, long now) {
    List<LeadEventMessage> messages = new ArrayList<>(EVENTS_PER_STREAM);
    for (int i = 0; i < EVENTS_PER_STREAM; i++) {
      String type = i / LEADS == 3 ? "demo_request" : TYPES[i % TYPES.length];
      messages.add(
          LeadEventMessage.newBuilder()
              .setLeadId("lead-" + (i % LEADS))
              .setEvent(
                  LeadEvent.newBuilder()
                      .setId(prefix + "-" + i)
                      .setType(type)
                      .setTime(Timestamps.fromMillis(now - 60_000L * i)))
              .build());
    }
    return messages;
  }

  private static ScoringModel bonusModel() {
    return ModelDocuments.parse(
            new String(LeadscoreRuntime.bundledModel(), StandardCharsets.UTF_8), "bundled")
        .toBuilder()
        .addRules(Rule.newBuilder().setId("bonus").setAddPoints(5))
        .build();
  }

  private static long scoredVersion(ManagedChannel channel) {
    return ScoringServiceGrpc.newBlockingStub(channel)
        .score(ScoreRequest.newBuilder().setLead(Lead.newBuilder().setId("x")).build())
        .getModel()
        .getVersion();
  }

  private static StreamObserver<BandTransition> collect(
      ConcurrentLinkedQueue<BandTransition> into) {
    return new StreamObserver<>() {
      @Override
      public void onNext(BandTransition transition) {
        into.add(transition);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }

  private static void awaitTrue(long millis, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("within " + millis + " ms").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static ManagedChannel channel(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }
}
