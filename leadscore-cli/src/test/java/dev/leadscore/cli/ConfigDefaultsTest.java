package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.server.LeadscoreRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Settings from flags, environment variables and a config file, in that order. */
class ConfigDefaultsTest {
  @TempDir Path directory;

  @Test
  void serve_flagEnvFileAndDefault_eachSettingTakenFromTheHighestSource() throws Exception {
    Path file = directory.resolve("leadscore.properties");
    Files.writeString(file, "port=1111\nmetrics-port=2222\nhost=127.0.0.2\nshutdown-grace=5s\n");
    Map<String, String> env = Map.of("LEADSCORE_PORT", "3333", "LEADSCORE_METRICS_PORT", "4444");
    String[] args = {"serve", "--config", file.toString(), "--port", "5555"};

    ServeCommand serve = parse(args, env);

    assertThat(serve.port).as("flag over env and file").isEqualTo(5555);
    assertThat(serve.metricsPort).as("env over file").isEqualTo(4444);
    assertThat(serve.host).as("file over default").isEqualTo("127.0.0.2");
    assertThat(serve.shutdownGrace).isEqualTo(Duration.ofSeconds(5));
    assertThat(serve.modelOptions.defaultModel)
        .as("default")
        .isEqualTo(LeadscoreRuntime.BUNDLED_MODEL);
  }

  @Test
  void serve_configFromEnvironment_isRead() throws Exception {
    Path file = directory.resolve("from-env.properties");
    Files.writeString(file, "metrics-port=-1\n");

    ServeCommand serve = parse(new String[] {"serve"}, Map.of("LEADSCORE_CONFIG", file.toString()));

    assertThat(serve.metricsPort).isEqualTo(-1);
  }

  @Test
  void serve_nothingSet_documentedDefaults() {
    ServeCommand serve = parse(new String[] {"serve"}, Map.of());

    assertThat(serve.metricsPort).isEqualTo(9464);
    assertThat(serve.shutdownGrace).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void commandLine_missingConfigFile_failsNamingIt() {
    Path missing = directory.resolve("nope.properties");

    assertThatThrownBy(
            () -> Main.commandLine(new String[] {"serve", "--config=" + missing}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void serve_unknownKeyInConfigFile_exitsNamingIt() throws Exception {
    Path file = directory.resolve("typo.properties");
    Files.writeString(file, "metric-port=9999\n");
    String[] args = {"serve", "--config", file.toString(), "--port", "0"};

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = Main.commandLine(args, Map.of()).execute(args);
    } finally {
      System.setErr(original);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("[metric-port]");
  }

  @Test
  void serveHelp_everyVisibleOptionWithItsDefaultAndThePrecedence() {
    CommandLine serve = Main.commandLine(new String[0], Map.of()).getSubcommands().get("serve");

    String usage = serve.getUsageMessage(CommandLine.Help.Ansi.OFF);

    for (OptionSpec option : serve.getCommandSpec().options()) {
      if (option.hidden()) {
        assertThat(usage).doesNotContain(option.longestName());
      } else {
        assertThat(usage).contains(option.longestName());
        if (option.defaultValue() != null) {
          assertThat(usage).contains("Default: " + option.defaultValue());
        }
      }
    }
    assertThat(usage)
        .contains("LEADSCORE_METRICS_PORT")
        .contains("Precedence: command line, then environment, then config file");
  }

  private static ServeCommand parse(String[] args, Map<String, String> env) {
    CommandLine.ParseResult result = Main.commandLine(args, env).parseArgs(args);
    return result.subcommand().commandSpec().commandLine().getCommand();
  }
}
