package dev.leadscore.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What the command line says when it is used wrongly: the problem, one synopsis line and where to
 * read more, instead of picocli's full usage (60 lines for {@code fit}); and an unknown command
 * named as such with a non-zero exit. An unexpected failure is one line too: its message, never an
 * exception class or a stack trace unless {@code LEADSCORE_DEBUG} is set.
 */
final class UsageErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  /** picocli's exit code for invalid input; the offline commands use the same for bad data. */
  static final int USAGE = Commands.BAD_INPUT;

  /** Exit code of an unexpected failure, as picocli's own handler gives. */
  static final int SOFTWARE = 1;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    CommandSpec spec = command.getCommandSpec();
    String name = spec.qualifiedName();
    if (e instanceof UnmatchedArgumentException unmatched && isUnknownCommand(spec, unmatched)) {
      err.println(
          name
              + ": unknown command '"
              + unmatched.getUnmatched().get(0)
              + "' (expected one of: "
              + String.join(", ", spec.subcommands().keySet())
              + ")");
      err.println("See '" + name + " --help'.");
      err.flush();
      return USAGE;
    }
    err.println(name + ": " + e.getMessage());
    if (e instanceof UnmatchedArgumentException) {
      UnmatchedArgumentException.printSuggestions(e, err);
    }
    err.println("Usage: " + synopsis(spec));
    err.println("See '" + name + " --help'.");
    err.flush();
    return USAGE;
  }

  /** A word where a command of a command with subcommands was expected. */
  private static boolean isUnknownCommand(CommandSpec spec, UnmatchedArgumentException e) {
    List<String> unmatched = e.getUnmatched();
    return !spec.subcommands().isEmpty()
        && !unmatched.isEmpty()
        && !unmatched.get(0).startsWith("-")
        && e.getCommandLine().getParseResult().subcommand() == null;
  }

  /**
   * One line: the command, its required options with their values, {@code [OPTIONS]} when it has
   * others, and its parameters. E.g. {@code leadscore fit --data=FILE --label=COLUMN -o=FILE
   * [OPTIONS]}.
   */
  static String synopsis(CommandSpec spec) {
    List<String> parts = new ArrayList<>();
    parts.add(spec.qualifiedName());
    boolean optional = false;
    for (OptionSpec option : spec.options()) {
      if (option.required() && option.group() == null) {
        parts.add(
            option.longestName()
                + (option.arity().max() > 0 ? "=" + option.paramLabel() : "")
                + (option.isMultiValue() ? "..." : ""));
      } else {
        optional = true;
      }
    }
    if (!spec.subcommands().isEmpty()) {
      parts.add("COMMAND");
    }
    if (optional) {
      parts.add("[OPTIONS]");
    }
    for (PositionalParamSpec parameter : spec.positionalParameters()) {
      String label = parameter.paramLabel() + (parameter.isMultiValue() ? "..." : "");
      parts.add(parameter.required() ? label : "[" + label + "]");
    }
    return String.join(" ", parts);
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
    PrintWriter err = command.getErr();
    String message = e.getMessage();
    err.println(
        command.getCommandSpec().qualifiedName()
            + ": failed unexpectedly"
            + (message == null || message.isBlank() ? "" : ": " + message)
            + " (set LEADSCORE_DEBUG=1 for details, and please report it)");
    if (System.getenv("LEADSCORE_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return SOFTWARE;
  }
}
