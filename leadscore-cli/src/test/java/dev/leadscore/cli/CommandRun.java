package dev.leadscore.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * Runs {@code leadscore} with arguments as a user would, capturing exit code, stdout and stderr.
 */
record CommandRun(int exitCode, String out, String err) {
  static CommandRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine(args, Map.of())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new CommandRun(exit, out.toString(), err.toString());
  }
}
