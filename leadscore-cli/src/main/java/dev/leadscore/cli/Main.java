package dev.leadscore.cli;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code leadscore} command line. */
@Command(
    name = "leadscore",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Lead scoring as a gRPC service, and the tools to fit and evaluate its models.",
    subcommands = {
      ServeCommand.class,
      ValidateCommand.class,
      ScoreCommand.class,
      FitCommand.class,
      EvaluateCommand.class,
      CompareCommand.class,
      SimulateCommand.class,
      ImpactCommand.class,
      ExportCommand.class,
      PublishCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  /** One line per record: time, level, logger, message. Overridden by a -D of the same name. */
  static final String LOG_FORMAT = "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s %5$s%6$s%n";

  /**
   * Jetty (the metrics endpoint's server) logs its version and every connector at start and stop;
   * the start-up log names the endpoint itself. Held here: java.util.logging keeps loggers weakly.
   * Set only once the log manager is chosen, since the first logger fixes it.
   */
  private static java.util.logging.@Nullable Logger jetty;

  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
    }
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
    }
    if (System.getProperty("java.util.logging.config.file") == null) {
      java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.eclipse.jetty");
      logger.setLevel(java.util.logging.Level.WARNING);
      jetty = logger;
    }
    CommandLine commandLine;
    try {
      commandLine = commandLine(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("leadscore: " + e.getMessage());
      System.exit(2);
      return;
    }
    int exitCode = commandLine.execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /**
   * The command line, with option values that {@code args} leave unset read from {@code env} and
   * from the {@code --config} file.
   *
   * @throws IllegalArgumentException if the config file cannot be read
   */
  static CommandLine commandLine(String[] args, Map<String, String> env) {
    UsageErrors errors = new UsageErrors();
    CommandLine commandLine =
        new CommandLine(new Main())
            .setParameterExceptionHandler(errors)
            .setExecutionExceptionHandler(errors);
    CommandLine serve = commandLine.getSubcommands().get("serve");
    if (serve == null) {
      throw new IllegalStateException("the serve command is not registered");
    }
    serve.setDefaultValueProvider(ConfigDefaults.load(args, env));
    return commandLine;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"leadscore " + (version == null ? "(development build)" : version)};
    }
  }
}
