package dev.leadscore.cli;

import dev.leadscore.analysis.InputException;
import dev.leadscore.analysis.Progress;
import dev.leadscore.core.Engine;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDocuments;
import io.grpc.StatusRuntimeException;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** What the offline commands share: the engine, model files, progress and error reporting. */
final class Commands {
  /** Exit code for bad input: a model, a table or an option the user must fix. */
  static final int BAD_INPUT = 2;

  private Commands() {}

  static ModelCompiler compiler() {
    return Engine.builtin().compiler();
  }

  /** Reads and compiles a model file as the server would. */
  static CompiledModel loadModel(ModelCompiler compiler, Path file) {
    return compiler.compile(ModelDocuments.parse(readString(file), file.toString()), 1);
  }

  static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(FileErrors.cannotRead(file, e), e);
    }
  }

  static void write(Path file, String content) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(FileErrors.cannotWrite(file, e), e);
    }
  }

  /** A bar on stderr when it is a terminal and {@code quiet} is off; nothing otherwise. */
  static Progress progress(boolean quiet) {
    return !quiet && interactive() ? Progress.bar(System.err) : Progress.none();
  }

  static boolean interactive() {
    Console console = System.console();
    if (console == null || System.getenv("CI") != null) {
      return false;
    }
    // From Java 22 a console exists even when redirected; isTerminal() then tells.
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Runs a command body, turning the user's mistakes into a message and exit code 2. */
  static int run(PrintWriter err, Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (ScoringException e) {
      err.println("leadscore: " + e.summary());
      e.violations().forEach(v -> err.println("  " + v));
      return BAD_INPUT;
    } catch (InputException | IllegalArgumentException | UncheckedIOException e) {
      err.println("leadscore: " + e.getMessage());
      return BAD_INPUT;
    } catch (StatusRuntimeException e) {
      return ServerErrors.report(err, e);
    }
  }
}
