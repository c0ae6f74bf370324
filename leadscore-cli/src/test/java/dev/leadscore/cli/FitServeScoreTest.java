package dev.leadscore.cli;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Value;
import dev.leadscore.proto.v1.Contribution;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.InProcessLeadscore;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The path a user takes: fit a model with the CLI, serve the file unchanged, score a lead. */
class FitServeScoreTest {
  @TempDir static Path directory;
  private static String fittedModel;

  @BeforeAll
  static void fitFromHistory() throws Exception {
    Path data =
        Files.writeString(directory.resolve("history.csv"), ConversionHistory.csv(1_500, 3));
    Path model = directory.resolve("models/fitted-e2e/1.json");

    CommandRun fit =
        CommandRun.run(
            "fit",
            "--data",
            data.toString(),
            "--label",
            "Won",
            "--missing",
            "Select",
            "--exclude",
            "Lead ID",
            "--name",
            "fitted-e2e",
            "-o",
            model.toString(),
            "--holdout",
            "0.25",
            "--seed",
            "3",
            "--quiet");

    assertThat(fit.err()).isEmpty();
    assertThat(fit.exitCode()).isZero();
    assertThat(fit.out()).contains("holdout: 375 leads").contains("ROC AUC");
    fittedModel = Files.readString(model);
  }

  @RegisterExtension
  final InProcessLeadscore leadscore = new InProcessLeadscore().withModel(fittedModel);

  @Test
  void score_fittedModel_explainsPointsPerColumnAsItIsNamed() {
    ScoreResponse response = score(lead("Referral", 1400, "Working Professional"));

    assertThat(response.getModel().getName()).isEqualTo("fitted-e2e");
    assertThat(response.getBand()).isEqualTo("hot");
    assertThat(response.getContributionsList())
        .extracting(Contribution::getCriterion)
        .containsExactly("lead_origin", "total_time_spent", "occupation");
    assertThat(response.getContributionsList().get(0).getReason()).contains("Lead Origin");
  }

  @Test
  void score_fittedModel_ranksLeadsAsTheHistoryDid() {
    double best = score(lead("Referral", 1400, "Working Professional")).getScore();
    double middle = score(lead("Web Form", 700, "Select")).getScore();
    double worst = score(lead("Cold Call", 10, "Student")).getScore();

    assertThat(best).isGreaterThan(middle);
    assertThat(middle).isGreaterThan(worst);
    assertThat(score(lead("Cold Call", 10, "Student")).getBand()).isEqualTo("cold");
  }

  @Test
  void score_fittedModel_sameScoreOnlineAsWithTheScoreCommand() throws Exception {
    Path input =
        Files.writeString(
            directory.resolve("one.csv"),
            "Lead Origin;Total Time Spent;Occupation\nWeb Form;700;Student\n");
    Path model = Files.writeString(directory.resolve("model.json"), fittedModel);
    Path output = directory.resolve("scored.csv");

    CommandRun run =
        CommandRun.run(
            "score",
            "--model",
            model.toString(),
            "--input",
            input.toString(),
            "--output",
            output.toString(),
            "--quiet");

    assertThat(run.exitCode()).isZero();
    ScoreResponse online = score(lead("Web Form", 700, "Student"));
    List<String> lines = Files.readAllLines(output);
    assertThat(lines.get(0)).isEqualTo("Lead Origin,Total Time Spent,Occupation,score,band");
    String[] cells = lines.get(1).split(",");
    assertThat(Double.parseDouble(cells[3])).isEqualTo(online.getScore());
    assertThat(cells[4]).isEqualTo(online.getBand());
  }

  @Test
  void score_numericColumnSentAsText_isInvalidArgumentNamingTheAttribute() {
    Lead lead =
        Lead.newBuilder()
            .putAttributes("Total Time Spent", Value.newBuilder().setStringValue("long").build())
            .build();

    assertThatThrownBy(() -> score(lead))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e)).containsKey("lead.attributes.Total Time Spent");
            });
  }

  private ScoreResponse score(Lead lead) {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel())
        .score(
            ScoreRequest.newBuilder()
                .setModel(ModelRef.newBuilder().setName("fitted-e2e"))
                .setLead(lead)
                .build());
  }

  private static Lead lead(String origin, double seconds, String occupation) {
    return Lead.newBuilder()
        .putAttributes("Lead Origin", Value.newBuilder().setStringValue(origin).build())
        .putAttributes("Total Time Spent", Value.newBuilder().setNumberValue(seconds).build())
        .putAttributes("Occupation", Value.newBuilder().setStringValue(occupation).build())
        .build();
  }
}
