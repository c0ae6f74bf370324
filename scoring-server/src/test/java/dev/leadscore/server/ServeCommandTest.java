package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir Path models;

  @Test
  void serve_defaultModelWithoutValidVersion_exitsWithEveryProblemListed() throws Exception {
    Files.createDirectories(models.resolve("broken"));
    Files.writeString(
        models.resolve("broken/1.json"),
        """
        {"name": "broken", "criteria": [
           {"id": "t", "type": "no_such_type", "dimension": "fit"},
           {"id": "c", "type": "test_broken_factory", "dimension": "fit"}],
         "bands": [{"name": "cold", "min_score": 5}]}
        """);
    Files.writeString(models.resolve("broken/2.json"), "{ not json");

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new Main())
              .execute(
                  "serve",
                  "--port",
                  "0",
                  "--models",
                  models.toString(),
                  "--default-model",
                  "broken");
    } finally {
      System.setErr(original);
    }

    String output = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).isEqualTo(2);
    assertThat(output)
        .contains("broken/1.json: criteria[0].type")
        .contains("no_such_type")
        .contains("broken/1.json: criteria[1].config")
        .contains("lookup table is corrupt")
        .contains("broken/1.json: bands[0].min_score")
        .contains("broken/2.json");
  }

  @Test
  void serve_missingModelsDirectory_exitsNamingIt() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new Main())
              .execute("serve", "--port", "0", "--models", models.resolve("nope").toString());
    } finally {
      System.setErr(original);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope").contains("does not exist");
  }
}
