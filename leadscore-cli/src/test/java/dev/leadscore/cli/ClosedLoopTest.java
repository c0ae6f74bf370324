package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.proto.v1.ArmComparison.Verdict;
import dev.leadscore.proto.v1.EvaluateModelRequest;
import dev.leadscore.proto.v1.EvaluateModelResponse;
import dev.leadscore.proto.v1.EvaluationServiceGrpc;
import dev.leadscore.proto.v1.GetModelRequest;
import dev.leadscore.proto.v1.GroupEvaluation;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop of the README as a new user runs it: its {@code <!-- loop: -->} blocks, in order, in an
 * empty directory, against a real {@code leadscore serve} process (each command that talks to a
 * server gets {@code --target} of the test's one). Simulate 5,000 leads in a champion/challenger
 * experiment, evaluate live (per-arm AUC and conversion by band, the challenger declared better
 * with its interval), export the labelled history, fit a model from it, preview its impact, publish
 * it as stable, record an outcome as a CRM would.
 */
class ClosedLoopTest {
  /** The commands that talk to a server, and so take {@code --target}. */
  private static final Set<String> REMOTE =
      Set.of("simulate", "evaluate", "export", "impact", "publish");

  @TempDir Path work;

  @Test
  void readmeLoop_runAsWrittenAgainstAServer_challengerBetterThenRefitPublishedAsStable()
      throws Exception {
    Map<String, String> outputs = new LinkedHashMap<>();
    List<String> answers = new ArrayList<>();
    try (ServerProcess server = ServerProcess.start(work.resolve("data"), work, "loop")) {
      String target = "127.0.0.1:" + server.port();
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        for (ReadmeTest.Block block : ReadmeTest.blocks()) {
          if (!block.loop()) {
            continue;
          }
          for (List<String> words : ShellWords.commands(block.text(), ReadmeTest.ROOT)) {
            if (words.get(0).equals("./leadscore")) {
              outputs.put(words.get(1), run(words, target));
            } else if (words.get(0).equals("grpcurl")) {
              answers.add(Grpcurl.run(channel, words));
            }
          }
        }
        assertThat(outputs.keySet())
            .containsExactly("simulate", "evaluate", "export", "fit", "impact", "publish");
        assertThat(answers).hasSize(1);

        assertThat(outputs.get("simulate"))
            .contains("published sim-leads version 1 (champion, label stable) and version 2")
            .contains("5000 leads")
            .contains("outcomes recorded");
        assertThat(outputs.get("evaluate"))
            .contains("version 1 (champion)")
            .contains("version 2 (challenger)")
            .contains("ROC AUC")
            .contains("champion (version 1) vs challenger (version 2): challenger better: AUC +");
        assertThat(Files.readString(work.resolve("out/live.html")))
            .contains("Live evaluation of sim-leads")
            .contains("<svg");
        List<String> history = Files.readAllLines(work.resolve("out/history.csv"));
        assertThat(history).hasSize(5001);
        assertThat(history.get(0))
            .startsWith("lead_id,company_size,country,industry,job_title,count(")
            .contains("count(pricing_page_view)")
            .endsWith(",converted");
        assertThat(outputs.get("fit")).contains("add_points rules on the lead's events");
        assertThat(Files.readString(work.resolve("out/refit.json")))
            .contains("count(\\u0027pricing_page_view\\u0027)");
        assertThat(outputs.get("impact"))
            .contains("on 5000 stored leads (0 could not be scored)")
            .contains("before \\ after")
            .contains("would turn hot: ")
            .contains("biggest movers:");
        assertThat(outputs.get("publish"))
            .contains("published sim-leads version 3")
            .contains("label stable -> sim-leads version 3");
        assertThat(answers.get(0)).contains("\"recorded\"");

        EvaluateModelResponse live =
            EvaluationServiceGrpc.newBlockingStub(channel)
                .evaluateModel(EvaluateModelRequest.newBuilder().setModel("sim-leads").build());
        assertThat(live.getGroupsList())
            .extracting(GroupEvaluation::getArm)
            .containsExactly("champion", "challenger");
        assertThat(live.getGroupsList())
            .allSatisfy(
                group -> {
                  assertThat(group.getSufficient()).isTrue();
                  assertThat(group.getBandsList()).hasSize(3);
                });
        assertThat(live.getComparison().getVerdict()).isEqualTo(Verdict.CHALLENGER_BETTER);
        assertThat(live.getComparison().getAuc().getLow()).isPositive();
        assertThat(
                ModelServiceGrpc.newBlockingStub(channel)
                    .getModel(
                        GetModelRequest.newBuilder()
                            .setModel(ModelRef.newBuilder().setName("sim-leads").setLabel("stable"))
                            .build())
                    .getVersion()
                    .getVersion())
            .isEqualTo(3);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Runs one {@code ./leadscore} command in its own JVM, in the work directory; its output. */
  private String run(List<String> words, String target) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.add(words.get(1));
    if (REMOTE.contains(words.get(1))) {
      command.addAll(List.of("--target", target));
    }
    command.addAll(words.subList(2, words.size()));
    Process process =
        new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", words) + "\n" + output).isZero();
    return output;
  }
}
