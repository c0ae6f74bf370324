package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate, fit, evaluate and compare as a user runs them, with their outputs and exit codes. */
class OfflineCommandsTest {
  @TempDir static Path directory;
  private static Path data;
  private static Path full;
  private static Path weak;

  @BeforeAll
  static void fitTwoModels() throws Exception {
    data = Files.writeString(directory.resolve("history.csv"), ConversionHistory.csv(1_000, 5));
    full = directory.resolve("full.json");
    weak = directory.resolve("weak.json");
    fit(full, "full");
    fit(weak, "weak", "--exclude", "Total Time Spent", "--exclude", "Lead Origin");
  }

  private static void fit(Path output, String name, String... more) {
    String[] base = {
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
      name,
      "-o",
      output.toString(),
      "--lambda",
      "1",
      "--quiet"
    };
    String[] args =
        java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
            .toArray(String[]::new);
    assertThat(CommandRun.run(args).exitCode()).isZero();
  }

  @Test
  void validate_fittedModel_isValid() {
    CommandRun run = CommandRun.run("validate", full.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("valid — model full, 3 criteria");
  }

  @Test
  void validate_brokenModel_listsEveryProblemAndExits2() throws Exception {
    Path broken =
        Files.writeString(
            directory.resolve("broken.json"),
            """
            {"name": "broken", "criteria": [{"id": "Lead Origin", "type": "attribute",
              "dimension": "fit", "config": {"attribute": "Lead Origin", "cases": []}}]}
            """);

    CommandRun run = CommandRun.run("validate", broken.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(broken + ": model broken is invalid")
        .contains("criteria[0].id: \"Lead Origin\"")
        .contains("bands: empty");
  }

  @Test
  void validate_shortContainsNeedle_warnsWithPathAndExits0() throws Exception {
    Path doubtful =
        Files.writeString(
            directory.resolve("doubtful.json"),
            """
            {"name": "doubtful", "criteria": [{"id": "title", "type": "attribute",
              "dimension": "fit", "config": {"attribute": "job_title",
              "cases": [{"contains": ["chief", "cto"], "points": 20}]}}],
             "bands": [{"name": "cold", "min_score": 0}]}
            """);

    CommandRun run = CommandRun.run("validate", doubtful.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(doubtful + ": valid — model doubtful, 1 criteria")
        .contains("1 warning");
    assertThat(run.err())
        .isEqualTo(
            doubtful
                + ": warning: criteria[0].config.cases[0].contains[1]: \"cto\" is 3 letters and"
                + " matches inside words such as \"director\" (expected: a word match, \"words\":"
                + " [\"cto\"])"
                + System.lineSeparator());
  }

  @Test
  void fit_labelThatIsNotAnOutcome_namesFileLineAndColumnAndExits2() throws Exception {
    Path bad = Files.writeString(directory.resolve("bad.csv"), "Plan,Won\npro,yes\nfree,perhaps\n");

    CommandRun run =
        CommandRun.run(
            "fit",
            "--data",
            bad.toString(),
            "--label",
            "Won",
            "-o",
            directory.resolve("x.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "leadscore: "
                + bad
                + " line 3, column \"Won\": \"perhaps\" (expected: 1/0, yes/no or"
                + " true/false)\n");
  }

  @Test
  void evaluate_jsonToStdoutAndHtmlReport() throws Exception {
    Path html = directory.resolve("report.html");

    CommandRun run =
        CommandRun.run(
            "evaluate",
            "--model",
            full.toString(),
            "--data",
            data.toString(),
            "--label",
            "Won",
            "--missing",
            "Select",
            "--json",
            "-",
            "--quiet");
    CommandRun report =
        CommandRun.run(
            "evaluate",
            "--model",
            full.toString(),
            "--data",
            data.toString(),
            "--label",
            "Won",
            "--missing",
            "Select",
            "--html",
            html.toString(),
            "--quiet");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("\"roc_auc\": 0.")
        .contains("\"deciles\"")
        .contains("\"calibration\"");
    assertThat(report.out()).contains("1000 leads").contains("ROC AUC");
    assertThat(Files.readString(html)).contains("<svg").contains("ROC curve");
  }

  @Test
  void compare_weakerModelAsA_bRanksBetterWithAnIntervalAboveZero() throws Exception {
    Path json = directory.resolve("compare.json");

    CommandRun run =
        CommandRun.run(
            "compare",
            "--model",
            weak.toString(),
            "--model",
            full.toString(),
            "--data",
            data.toString(),
            "--label",
            "Won",
            "--missing",
            "Select",
            "--resamples",
            "200",
            "--json",
            json.toString(),
            "--quiet");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("B ranks better");
    assertThat(Files.readString(json)).contains("\"verdict\": \"B ranks better\"");
  }

  @Test
  void compare_oneModel_exits2() {
    CommandRun run =
        CommandRun.run(
            "compare", "--model", full.toString(), "--data", data.toString(), "--label", "Won");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--model given 1 times (expected: twice, A then B)");
  }

  @Test
  void everyCommand_hasHelp() {
    for (String command : new String[] {"validate", "score", "fit", "evaluate", "compare"}) {
      CommandRun run = CommandRun.run(command, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).startsWith("Usage: leadscore " + command);
    }
  }
}
