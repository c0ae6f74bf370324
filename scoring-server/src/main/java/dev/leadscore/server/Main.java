package dev.leadscore.server;

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
      CommandLine.HelpCommand.class
    })
public final class Main {

  public static void main(String[] args) {
    int exitCode = new CommandLine(new Main()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"leadscore " + (version == null ? "(development build)" : version)};
    }
  }
}
