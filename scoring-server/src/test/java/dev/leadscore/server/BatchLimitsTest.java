package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ScoreBatchRequest;
import dev.leadscore.proto.v1.ScoreBatchResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small requests cannot make huge answers (finding 2 of issue 15): a batch carries at most so many
 * leads, and an answer that would outgrow what a client accepts is refused before it is built,
 * naming the limit, over the production transport.
 */
class BatchLimitsTest {
  @TempDir Path models;

  private LeadscoreRuntime runtime;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    // 120 criteria, each explained in every answer: about 10 KB per lead.
    StringBuilder criteria = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      criteria
          .append(i == 0 ? "" : ",")
          .append(
              """
              {"id": "opens_%d", "type": "event_count", "dimension": "engagement",
               "config": {"event_types": ["email_open"], "points_per_event": 1, "window_days": 30}}
              """
                  .formatted(i));
    }
    String wide =
        """
        {"name": "wide", "criteria": [%s],
         "bands": [{"name": "cold"}, {"name": "hot", "min_score": 50}]}
        """
            .formatted(criteria);
    Files.createDirectories(models.resolve("wide"));
    Files.writeString(models.resolve("wide").resolve("1.json"), wide, StandardCharsets.UTF_8);
    runtime =
        LeadscoreRuntime.builder()
            .transport(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)))
            .models(models)
            .bundledModels(Map.of(LeadscoreRuntime.BUNDLED_MODEL, LeadscoreRuntime.bundledModel()))
            .server(
                server ->
                    server.clock(Clock.fixed(InProcessLeadscore.NOW, java.time.ZoneOffset.UTC)))
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", runtime.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    runtime.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void scoreBatch_moreLeadsThanTheLimit_invalidArgumentNamingTheLimit() {
    ScoreBatchRequest.Builder request = ScoreBatchRequest.newBuilder();
    for (int i = 0; i < 1001; i++) {
      request.addLeads(Lead.getDefaultInstance());
    }

    assertThatThrownBy(() -> stub().scoreBatch(request.build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e))
                  .containsEntry(
                      "leads",
                      "1001 leads (expected: at most 1000 per batch; send several batches)");
            });
  }

  @Test
  void scoreBatch_answerLargerThanClientsAccept_resourceExhaustedNamingTheLimit() {
    ScoreBatchRequest.Builder request =
        ScoreBatchRequest.newBuilder().setModel(ModelRef.newBuilder().setName("wide"));
    for (int i = 0; i < 1000; i++) {
      request.addLeads(Lead.newBuilder().setId("lead-" + i));
    }

    assertThatThrownBy(() -> stub().scoreBatch(request.build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
              assertThat(e.getStatus().getDescription())
                  .startsWith("the answer to the first ")
                  .contains(" of 1000 leads would be ")
                  .endsWith(
                      "bytes (expected: at most 4194304 bytes; send fewer leads per call or set"
                          + " skip_explanation)");
            });
    ScoreBatchResponse withoutExplanation =
        stub().scoreBatch(request.setSkipExplanation(true).build());
    assertThat(withoutExplanation.getResultsCount()).isEqualTo(1000);
  }

  private ScoringServiceGrpc.ScoringServiceBlockingStub stub() {
    return ScoringServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }
}
