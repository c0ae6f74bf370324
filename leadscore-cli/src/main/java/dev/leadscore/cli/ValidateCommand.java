package dev.leadscore.cli;

import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDiagnostics;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.ScoringModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leadscore validate MODEL...}: every problem of each model file, as the server reports it.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check model files as the server would load them.",
      "Lists every problem and every warning with its path. Exit code 0 when all are valid"
          + " (warnings or not), 2 otherwise."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "MODEL", description = "Model JSON files.")
  List<Path> models;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ModelCompiler compiler = Commands.compiler();
    int exit = 0;
    for (Path file : models) {
      int code =
          Commands.run(
              spec.commandLine().getErr(),
              () -> {
                ScoringModel model =
                    ModelDocuments.parse(Commands.readString(file), file.toString());
                ModelDiagnostics diagnostics = compiler.diagnose(model);
                PrintWriter err = spec.commandLine().getErr();
                diagnostics.warnings().forEach(w -> err.println(file + ": warning: " + w));
                if (!diagnostics.valid()) {
                  throw ScoringException.invalid(
                      ScoringErrorCode.INVALID_MODEL,
                      file + ": model " + model.getName() + " is invalid",
                      diagnostics.violations());
                }
                spec.commandLine()
                    .getOut()
                    .printf(
                        "%s: valid — model %s, %d criteria, bands %s%s%n",
                        file,
                        model.getName(),
                        model.getCriteriaCount(),
                        model.getBandsList().stream()
                            .map(b -> b.getName() + " ≥ " + b.getMinScore())
                            .toList(),
                        warnings(diagnostics.warnings().size()));
                return 0;
              });
      exit = Math.max(exit, code);
    }
    return exit;
  }

  private static String warnings(int count) {
    return count == 0 ? "" : count == 1 ? ", 1 warning" : ", " + count + " warnings";
  }
}
