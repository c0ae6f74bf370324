package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ScoreBatchRequest;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.Leads;
import dev.leadscore.server.StatusAssertions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limit flags of {@code serve} reach the server it runs. */
class ServeLimitsTest {
  @TempDir Path workDirectory;

  @Test
  void serve_limitFlags_boundBatchesAndLeads() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(
            workDirectory.resolve("data"),
            workDirectory,
            "limits",
            "--max-batch-leads",
            "2",
            "--max-attributes-per-lead",
            "3")) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        ScoringServiceGrpc.ScoringServiceBlockingStub scoring =
            ScoringServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThatThrownBy(
                () ->
                    scoring.scoreBatch(
                        ScoreBatchRequest.newBuilder()
                            .addLeads(Leads.coldStudent())
                            .addLeads(Leads.coldStudent())
                            .addLeads(Leads.coldStudent())
                            .build()))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  StatusAssertions.assertCode(e, Status.Code.INVALID_ARGUMENT);
                  assertThat(StatusAssertions.fieldViolations(e))
                      .containsEntry(
                          "leads", "3 leads (expected: at most 2 per batch; send several batches)");
                });
        Lead wide =
            Leads.coldStudent().toBuilder()
                .putAttributes("a", Leads.number(1))
                .putAttributes("b", Leads.number(2))
                .putAttributes("c", Leads.number(3))
                .build();
        assertThatThrownBy(() -> scoring.score(ScoreRequest.newBuilder().setLead(wide).build()))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e ->
                    assertThat(StatusAssertions.fieldViolations(e))
                        .containsEntry("lead.attributes", "4 attributes (expected: at most 3)"));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
