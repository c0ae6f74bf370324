package dev.leadscore.cli;

import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
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
      "Lists every problem with its path. Exit code 0 when all are valid, 2 otherwise."
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
                CompiledModel model;
                try {
                  model = Commands.loadModel(compiler, file);
                } catch (ScoringException e) {
                  throw new ScoringException(
                      e.code(), file + ": " + e.getMessage(), e.violations(), e);
                }
                spec.commandLine()
                    .getOut()
                    .printf(
                        "%s: valid — model %s, %d criteria, bands %s%n",
                        file,
                        model.name(),
                        model.document().getCriteriaCount(),
                        model.document().getBandsList().stream()
                            .map(b -> b.getName() + " ≥ " + b.getMinScore())
                            .toList());
                return 0;
              });
      exit = Math.max(exit, code);
    }
    return exit;
  }
}
