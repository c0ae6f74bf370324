package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadStores;
import dev.leadscore.core.state.StoreHealth;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that cannot write is not hidden behind {@code SERVING}, and it recovers without a restart
 * (finding 10 of issue 15).
 */
class StoreHealthTest {
  @TempDir Path directory;

  /**
   * A real full disk: the lead store on a 16 MB tmpfs that the test fills, then empties. Skipped
   * where the sandbox refuses {@code mount}.
   */
  @Test
  void streamEvents_diskFullThenSpaceReturns_notServingThenWritesResumeWithoutRestart()
      throws Exception {
    try (SmallFileSystem disk = SmallFileSystem.mount(directory.resolve("disk"), 16)) {
      String name = InProcessServerBuilder.generateName();
      LeadscoreRuntime runtime =
          LeadscoreRuntime.builder()
              .transport(InProcessServerBuilder.forName(name).directExecutor())
              .models(Files.createDirectories(directory.resolve("models")))
              .store("rocksdb:" + disk.root().resolve("data"), LeadStoreConfig.defaults())
              .start();
      ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
      try {
        assertThat(stream(channel, List.of(event("early", "e0", 10))).get(0).hasError()).isFalse();

        Path filler = disk.fill(256 * 1024);
        List<LeadEventMessage> heavy = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
          heavy.add(event("heavy-" + (i % 3), "h" + i, 1500));
        }
        List<LeadScoreUpdate> answers = stream(channel, heavy);

        assertThat(answers)
            .as("writes fail once the disk is full")
            .anySatisfy(
                u -> {
                  assertThat(u.getError().getCode()).isEqualTo(Status.Code.UNAVAILABLE.value());
                  assertThat(u.getError().getMessage())
                      .isEqualTo("lead store cannot write: no space left on device (retrying)");
                });
        awaitHealth(channel, ServingStatus.NOT_SERVING);
        assertThat(stream(channel, List.of(event("later", "l0", 10))).get(0).hasError())
            .as("refused while the disk is full")
            .isTrue();

        Files.delete(filler);

        awaitHealth(channel, ServingStatus.SERVING);
        assertThat(stream(channel, List.of(event("later", "l1", 10))).get(0).hasError())
            .as("written again, without a restart")
            .isFalse();
        assertThat(
                ScoringServiceGrpc.newBlockingStub(channel)
                    .getLead(GetLeadRequest.newBuilder().setLeadId("early").build())
                    .getState()
                    .getLead()
                    .getEventsList())
            .as("what was acknowledged before is kept")
            .extracting(LeadEvent::getId)
            .containsExactly("e0");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        runtime.shutdown(Duration.ofSeconds(2));
      }
    }
  }

  /** The server's health follows whatever the store reports, both ways. */
  @Test
  void health_storeReportsItCannotWrite_notServingUntilItReportsServing() throws Exception {
    FakeHealthStore store =
        new FakeHealthStore(
            LeadStores.open("rocksdb:" + directory.resolve("data"), LeadStoreConfig.defaults()));
    String name = InProcessServerBuilder.generateName();
    LeadscoreServer server =
        LeadscoreServer.builder(InProcessServerBuilder.forName(name).directExecutor())
            .registry(InProcessLeadscore.bundledRegistry())
            .leadStore(store)
            .build()
            .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      assertThat(status(channel, "")).isEqualTo(ServingStatus.SERVING);

      store.setHealth(StoreHealth.notServing("lead store cannot write: no space left on device"));

      assertThat(status(channel, "")).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(status(channel, ScoringServiceGrpc.SERVICE_NAME))
          .isEqualTo(ServingStatus.NOT_SERVING);

      store.setHealth(StoreHealth.SERVING);

      assertThat(status(channel, "")).isEqualTo(ServingStatus.SERVING);
      assertThat(status(channel, ScoringServiceGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.SERVING);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdown(Duration.ofSeconds(1));
      store.close();
    }
  }

  private static ServingStatus status(ManagedChannel channel, String service) {
    return HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  private static void awaitHealth(ManagedChannel channel, ServingStatus expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    ServingStatus seen = status(channel, "");
    while (seen != expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
      seen = status(channel, "");
    }
    assertThat(seen).as("health").isEqualTo(expected);
  }

  private static LeadEventMessage event(String lead, String id, int propertyBytes) {
    return LeadEventMessage.newBuilder()
        .setLeadId(lead)
        .setEvent(
            LeadEvent.newBuilder()
                .setId(id)
                .setType("page_view")
                .setTime(Timestamps.fromMillis(Instant.now().minusSeconds(60).toEpochMilli()))
                .putProperties("payload", Leads.string("p".repeat(propertyBytes))))
        .build();
  }

  private static List<LeadScoreUpdate> stream(ManagedChannel channel, List<LeadEventMessage> inputs)
      throws Exception {
    Recorder<LeadEventMessage, LeadScoreUpdate> responses = Recorder.eager();
    StreamObserver<LeadEventMessage> requests =
        ScoringServiceGrpc.newStub(channel).streamEvents(responses);
    inputs.forEach(requests::onNext);
    requests.onCompleted();
    assertThat(responses.awaitCompletion()).as("completed: %s", responses.error()).isTrue();
    return responses.values();
  }
}
