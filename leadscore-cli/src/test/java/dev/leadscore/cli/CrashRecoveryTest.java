package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.EventPump;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL in the middle of a stream, against a real server process. */
class CrashRecoveryTest {
  private static final int LEADS = 1_000;
  private static final int EVENTS = 8_000;
  private static final String[] TYPES = {"page_view", "email_open", "email_click"};

  @TempDir Path directory;

  @Test
  void streamEvents_serverKilledMidStream_everyAcknowledgedEventStoredOnceAfterRestart()
      throws Exception {
    Path data = directory.resolve("data");
    List<LeadEventMessage> messages = messages(System.currentTimeMillis());
    EventPump firstRun = new EventPump(messages);
    try (ServerProcess server = ServerProcess.start(data, directory, "first")) {
      ManagedChannel channel = channel(server.port());
      ScoringServiceGrpc.newStub(channel).streamEvents(firstRun);
      // Generous: on a loaded machine the first acknowledgements can take a while.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (firstRun.acknowledged().size() < 1_000 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      server.kill();
      firstRun.await(10);
      channel.shutdownNow();
    }
    Set<String> acknowledged = Set.copyOf(firstRun.acknowledged());
    assertThat(acknowledged.size()).as("acknowledged before the kill").isBetween(1_000, EVENTS - 1);

    try (ServerProcess server = ServerProcess.start(data, directory, "second")) {
      ManagedChannel channel = channel(server.port());
      Set<String> stored = new HashSet<>();
      for (int lead = 0; lead < LEADS; lead++) {
        stored.addAll(storedEventIds(channel, "lead-" + lead));
      }
      assertThat(stored).containsAll(acknowledged);

      EventPump replay = new EventPump(messages);
      ScoringServiceGrpc.newStub(channel).streamEvents(replay);
      assertThat(replay.await(20)).isTrue();
      assertThat(replay.errors()).isZero();
      assertThat(replay.duplicates()).isEqualTo(stored);
      int total = 0;
      for (int lead = 0; lead < LEADS; lead++) {
        total += storedEventIds(channel, "lead-" + lead).size();
      }
      assertThat(total).as("every event applied exactly once").isEqualTo(EVENTS);
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** The ids of the lead's stored events; fails if one is stored twice or counts disagree. */
  private static List<String> storedEventIds(ManagedChannel channel, String leadId) {
    LeadState state =
        ScoringServiceGrpc.newBlockingStub(channel)
            .getLead(GetLeadRequest.newBuilder().setLeadId(leadId).build())
            .getState();
    List<String> ids = new ArrayList<>();
    for (LeadEvent event : state.getLead().getEventsList()) {
      ids.add(leadId + "/" + event.getId());
    }
    assertThat(ids).doesNotHaveDuplicates();
    long counted =
        state.getEventTypesMap().values().stream().mapToLong(stats -> stats.getCount()).sum();
    assertThat(counted).as("per-type counts of " + leadId).isEqualTo(ids.size());
    return ids;
  }

  private static List<LeadEventMessage> messages(long now) {
    List<LeadEventMessage> messages = new ArrayList<>(EVENTS);
    for (int i = 0; i < EVENTS; i++) {
      messages.add(
          LeadEventMessage.newBuilder()
              .setLeadId("lead-" + (i % LEADS))
              .setEvent(
                  LeadEvent.newBuilder()
                      .setId("e" + i)
                      .setType(TYPES[i % TYPES.length])
                      .setTime(Timestamps.fromMillis(now - 60_000L * (i % 1000))))
              .build());
    }
    return messages;
  }

  private static ManagedChannel channel(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }
}
