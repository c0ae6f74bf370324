package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server thread that dies of an {@link Error} ends the process with a non-zero status and one log
 * line, instead of leaving the server running without that thread while health says SERVING.
 */
class FatalErrorTest {
  private static final String MODEL =
      """
      {"name": "fatal", "criteria": [
         {"id": "boom", "type": "test_fatal", "dimension": "fit"}],
       "bands": [{"name": "cold"}, {"name": "hot", "min_score": 50}]}
      """;

  @TempDir Path workDirectory;

  @Test
  void laneThread_diesOfError_processExitsWithFatalStatusAndLogLine() throws Exception {
    Path models = Files.createDirectories(workDirectory.resolve("models").resolve("fatal"));
    Files.writeString(models.resolve("1.json"), MODEL);
    try (ServerProcess server =
        ServerProcess.start(workDirectory.resolve("data"), workDirectory, "fatal")) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        StreamObserver<LeadEventMessage> events =
            ScoringServiceGrpc.newStub(channel).streamEvents(new Ignoring());
        // Scored on a lane thread: the criterion's error reaches the lane, not a gRPC thread.
        events.onNext(
            LeadEventMessage.newBuilder()
                .setLeadId("lead-1")
                .setModel(ModelRef.newBuilder().setName("fatal"))
                .setEvent(
                    LeadEvent.newBuilder()
                        .setId("e1")
                        .setType("page_view")
                        .setTime(Timestamps.fromMillis(System.currentTimeMillis())))
                .build());

        assertThat(server.awaitExit(Duration.ofSeconds(20)))
            .as("exit status; log:%n%s", server.log())
            .hasValue(70);
        assertThat(server.log())
            .contains("fatal java.lang.OutOfMemoryError: test_fatal: thrown on purpose")
            .contains("on thread leadscore-lane-");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static final class Ignoring implements StreamObserver<LeadScoreUpdate> {
    @Override
    public void onNext(LeadScoreUpdate value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
