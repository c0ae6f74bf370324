package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.leadscore.proto.v1.ArmComparison.Verdict;
import dev.leadscore.proto.v1.EvaluateModelResponse;
import dev.leadscore.proto.v1.GetModelRequest;
import dev.leadscore.proto.v1.GroupEvaluation;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop of the README, as a new user runs it against a real {@code leadscore serve} process:
 * simulate 5,000 leads in a champion/challenger experiment, evaluate live (per-arm AUC and
 * conversion by band, the challenger declared better with its interval), export the labelled
 * history, fit a model from it, preview its impact, publish it and label it stable.
 */
class ClosedLoopTest {
  @TempDir Path directory;

  @Test
  void simulateEvaluateExportFitPreviewPublish_asTheReadmeRunsIt() throws Exception {
    try (ServerProcess server = ServerProcess.start(directory.resolve("data"), directory, "loop")) {
      String target = "127.0.0.1:" + server.port();

      CommandRun simulate =
          CommandRun.run("simulate", "--target", target, "--leads", "5000", "--seed", "7");
      assertThat(simulate.exitCode()).as(simulate.err()).isZero();
      assertThat(simulate.out())
          .contains("published sim-leads version 1 (champion, label stable) and version 2")
          .contains("5000 leads")
          .contains("outcomes recorded");

      Path json = directory.resolve("live.json");
      Path html = directory.resolve("live.html");
      CommandRun live =
          CommandRun.run(
              "evaluate",
              "--live",
              "--target",
              target,
              "--model",
              "sim-leads",
              "--html",
              html.toString(),
              "--json",
              json.toString());
      assertThat(live.exitCode()).as(live.err()).isZero();
      assertThat(live.out())
          .contains("version 1 (champion)")
          .contains("version 2 (challenger)")
          .contains("ROC AUC")
          .contains("champion (version 1) vs challenger (version 2): challenger better: AUC +");
      EvaluateModelResponse.Builder response = EvaluateModelResponse.newBuilder();
      JsonFormat.parser().merge(Files.readString(json), response);
      assertThat(response.getGroupsList())
          .extracting(GroupEvaluation::getArm)
          .containsExactly("champion", "challenger");
      assertThat(response.getGroupsList())
          .allSatisfy(
              group -> {
                assertThat(group.getSufficient()).isTrue();
                assertThat(group.getBandsList()).hasSize(3);
              });
      assertThat(response.getComparison().getVerdict()).isEqualTo(Verdict.CHALLENGER_BETTER);
      assertThat(response.getComparison().getAuc().getLow()).isPositive();
      assertThat(Files.readString(html)).contains("Live evaluation of sim-leads").contains("<svg");

      Path history = directory.resolve("history.csv");
      CommandRun export = CommandRun.run("export", "--target", target, "-o", history.toString());
      assertThat(export.exitCode()).as(export.err()).isZero();
      List<String> lines = Files.readAllLines(history);
      assertThat(lines).hasSize(5001);
      assertThat(lines.get(0))
          .startsWith("lead_id,company_size,country,industry,job_title,count(")
          .contains("count(pricing_page_view)")
          .endsWith(",converted");

      Path refit = directory.resolve("refit.json");
      CommandRun fit =
          CommandRun.run(
              "fit",
              "--data",
              history.toString(),
              "--label",
              "converted",
              "--exclude",
              "lead_id",
              "--name",
              "sim-leads",
              "-o",
              refit.toString(),
              "--quiet");
      assertThat(fit.exitCode()).as(fit.err()).isZero();
      assertThat(Files.readString(refit)).contains("count(\\u0027pricing_page_view\\u0027)");

      CommandRun impact =
          CommandRun.run(
              "impact",
              "--target",
              target,
              "--model",
              "sim-leads",
              "--candidate",
              refit.toString());
      assertThat(impact.exitCode()).as(impact.err()).isZero();
      assertThat(impact.out())
          .contains("on 5000 stored leads (0 could not be scored)")
          .contains("before \\ after")
          .contains("would turn hot: ")
          .contains("biggest movers:");

      CommandRun publish =
          CommandRun.run("publish", refit.toString(), "--target", target, "--label", "stable");
      assertThat(publish.exitCode()).as(publish.err()).isZero();
      assertThat(publish.out())
          .contains("published sim-leads version 3")
          .contains("label stable -> sim-leads version 3");
      ManagedChannel channel =
          Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
      try {
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
}
