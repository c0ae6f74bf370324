package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.server.PluginFolders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code leadscore serve --plugins DIR} refuses to start when a plugin or its use is broken. */
class ServePluginsTest {
  @TempDir Path plugins;
  @TempDir Path models;

  /** Runs {@code leadscore serve} with the arguments; returns the exit code and standard error. */
  private static Result serve(String... arguments) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new Main()).execute(arguments);
    } finally {
      System.setErr(original);
    }
    return new Result(exit, err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int exit, String stderr) {}

  @Test
  void serve_pluginFactoryRejectsConfig_exitsWithCriterionPathAndPluginMessage()
      throws IOException {
    PluginFolders.copy(plugins, PluginFolders.FAULTY, PluginFolders.EMAIL_DOMAIN);
    Files.createDirectories(models.resolve("strict"));
    Files.writeString(
        models.resolve("strict/1.json"),
        """
        {"name": "strict", "criteria": [
           {"id": "email", "type": "email_domain", "dimension": "fit",
            "config": {"free_domains": ["not a domain"]}},
           {"id": "gate", "type": "faulty_rejecting", "dimension": "fit",
            "config": {"threshold": 500}}],
         "bands": [{"name": "cold", "min_score": 0}]}
        """);

    Result result =
        serve(
            "serve", "--port", "0", "--plugins", plugins.toString(), "--models", models.toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("strict/1.json: criteria[0].config.free_domains[0]")
        .contains("\"not a domain\" (expected: a domain such as example.com, without @)")
        .contains("strict/1.json: criteria[1].config.threshold")
        .contains("the faulty plugin refuses 500 (expected: <= 100)");
  }

  @Test
  void serve_pluginFolderFailsToLoad_exitsNamingFolderAndReason() throws IOException {
    PluginFolders.copy(plugins, PluginFolders.EMAIL_DOMAIN);
    Files.createDirectories(plugins.resolve("half-copied"));

    Result result = serve("serve", "--port", "0", "--plugins", plugins.toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("plugins in " + plugins + " failed to load")
        .contains(plugins.resolve("half-copied") + ": no .jar files");
  }

  @Test
  void serve_pluginRedeclaresBuiltinType_exitsNamingBothClassesAndFolder() {
    PluginFolders.copy(plugins, PluginFolders.CLASHING);

    Result result = serve("serve", "--port", "0", "--plugins", plugins.toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("criterion type \"attribute\" is provided twice")
        .contains("AttributeCriterionFactory (class path)")
        .contains("ClashingAttributeFactory (plugin folder clashing-plugin)");
  }
}
