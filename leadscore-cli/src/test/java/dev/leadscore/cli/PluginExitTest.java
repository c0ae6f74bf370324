package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.plugin.PluginExits;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.PluginFolders;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that calls {@code System.exit(0)} in a real {@code leadscore serve} process: the JVM
 * cannot refuse it, but the process must not look like a clean stop.
 */
class PluginExitTest {
  @TempDir Path work;
  @TempDir Path data;

  @Test
  void serve_pluginCallsSystemExit_exitsWithStatus70NamingThePlugin() throws Exception {
    Path plugins =
        PluginFolders.copy(Files.createDirectories(work.resolve("plugins")), PluginFolders.ROGUE);
    Files.createDirectories(work.resolve("models/exiting"));
    Files.writeString(
        work.resolve("models/exiting/1.json"),
        """
        {"name": "exiting", "criteria": [
           {"id": "quit", "type": "rogue_exiting", "dimension": "fit"}],
         "bands": [{"name": "cold", "min_score": 0}]}
        """);

    try (ServerProcess server =
        ServerProcess.start(data, work, "exiting", "--plugins", plugins.toString())) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        assertThatThrownBy(
                () ->
                    ScoringServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(20, TimeUnit.SECONDS)
                        .score(
                            ScoreRequest.newBuilder()
                                .setModel(ModelRef.newBuilder().setName("exiting"))
                                .setLead(Lead.newBuilder().setId("lead-1"))
                                .build()))
            .isInstanceOf(StatusRuntimeException.class);
      } finally {
        channel.shutdownNow();
      }

      assertThat(server.awaitExit(30)).isEqualTo(PluginExits.STATUS);
      assertThat(server.log()).contains("plugin rogue-plugin called System.exit");
    }
  }
}
