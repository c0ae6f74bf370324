package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when a command is typed wrongly or a file is missing: short, no Java names. */
class CommandLineErrorsTest {
  @TempDir Path directory;

  @Test
  void unknownCommand_namesItListsTheCommandsAndExits2() {
    CommandRun run = CommandRun.run("preview", "--model", "a.json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "leadscore: unknown command 'preview' (expected one of: serve, validate, score, fit,"
                + " evaluate, compare, simulate, impact, export, publish, help)\nSee 'leadscore"
                + " --help'.\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void missingRequiredOptions_nameThemWithOneSynopsisLine() {
    CommandRun run = CommandRun.run("fit", "--data", "leads.csv");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "leadscore fit: Missing required options: '--label=COLUMN', '--output=FILE'\n"
                + "Usage: leadscore fit --data=FILE --label=COLUMN --output=FILE [OPTIONS]\n"
                + "See 'leadscore fit --help'.\n");
  }

  @Test
  void misspeltOption_suggestsTheNearestAndStaysShort() {
    CommandRun run =
        CommandRun.run(
            "evaluate", "--model", "m.json", "--data", "d.csv", "--label", "Won", "--quite");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("Unknown option: '--quite'")
        .contains("Possible solutions: --quiet");
    assertThat(run.err().lines().count()).isLessThanOrEqualTo(6);
  }

  @Test
  void validate_missingFile_saysSoWithoutExceptionNames() {
    Path missing = directory.resolve("nope.json");

    CommandRun run = CommandRun.run("validate", missing.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("leadscore: cannot read " + missing + ": no such file or directory\n");
  }

  @Test
  void validate_documentWithSeveralProblems_listsEveryOne() throws Exception {
    Path model =
        Files.writeString(
            directory.resolve("typos.json"),
            """
            {"name": "typos", "critera": [],
             "bands": [{"name": "cold", "min_scor": 0}, {"name": "hot", "min_score": "high"}]}
            """);

    CommandRun run = CommandRun.run("validate", model.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("leadscore: " + model + " is not a valid model document\n")
        .contains("  critera: unknown field (expected one of: name, description,")
        .contains("  bands[0].min_scor: unknown field")
        .contains("  bands[1].min_score: \"high\" (expected: a number)")
        .doesNotContain("Exception");
  }

  @Test
  void score_modelIsADirectory_saysSo() {
    CommandRun run =
        CommandRun.run(
            "score",
            "--model",
            directory.toString(),
            "--input",
            "in.csv",
            "--output",
            directory.resolve("out.csv").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("leadscore: cannot read " + directory + ": is a directory\n");
  }

  @Test
  void serve_unreadableConfigFile_failsWithoutExceptionNames() throws Exception {
    Path config = Files.createDirectory(directory.resolve("conf.d"));

    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    Main.commandLine(
                        new String[] {"serve", "--config", config.toString()}, java.util.Map.of())))
        .hasMessage("config file " + config + " cannot be read: is a directory");
  }

  @Test
  void compareHelp_printsNoPicocliWarning() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    CommandRun run;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      run = CommandRun.run("compare", "--help");
    } finally {
      System.setErr(original);
    }

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("95 % confidence interval");
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
  }

  @Test
  void fileErrors_neverNameExceptionClasses() {
    assertThat(FileErrors.describe(new java.nio.file.NoSuchFileException("a/b.json")))
        .isEqualTo("a/b.json: no such file or directory");
    assertThat(FileErrors.describe(new java.nio.file.AccessDeniedException("key.pem")))
        .isEqualTo("key.pem: permission denied");
  }
}
