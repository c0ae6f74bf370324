package dev.leadscore.cli;

import dev.leadscore.analysis.Comparison;
import dev.leadscore.analysis.HtmlReport;
import dev.leadscore.analysis.JsonReports;
import dev.leadscore.analysis.Labels;
import dev.leadscore.analysis.Progress;
import dev.leadscore.analysis.Table;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leadscore compare}: two models on the same leads, with a bootstrap interval. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Compare two models on the same leads, with a bootstrap interval for the AUC difference.",
      "Every measure of 'evaluate' for each model side by side, and the AUC difference B - A with"
          + " a seeded paired-bootstrap 95 %% confidence interval: the A/B report that decides"
          + " whether a new version should become stable."
    })
final class CompareCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      arity = "1",
      paramLabel = "MODEL",
      description = "Model JSON file; give it twice: A, then B.")
  List<Path> models;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "CSV or JSON-lines leads with outcomes.")
  Path data;

  @Option(
      names = "--label",
      required = true,
      paramLabel = "COLUMN",
      description = "Outcome column: 1/0, yes/no or true/false.")
  String label;

  @Option(names = "--resamples", defaultValue = "1000", description = "Bootstrap resamples.")
  int resamples;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the bootstrap.")
  long seed;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Write the comparison as JSON ('-' for stdout).")
  @Nullable Path json;

  @Option(names = "--html", paramLabel = "FILE", description = "Write an HTML report.")
  @Nullable Path html;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Mixin TableOptions table = new TableOptions();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return Commands.run(spec.commandLine().getErr(), this::compare);
  }

  private int compare() {
    if (models.size() != 2) {
      throw new IllegalArgumentException(
          "--model given " + models.size() + " times (expected: twice, A then B)");
    }
    ModelCompiler compiler = Commands.compiler();
    CompiledModel a = Commands.loadModel(compiler, models.get(0));
    CompiledModel b = Commands.loadModel(compiler, models.get(1));
    boolean sameName = a.name().equals(b.name());
    Table leads = table.read(data, quiet);
    boolean[] labels = Labels.read(leads, label);
    Progress progress = Commands.progress(quiet);
    EvaluateCommand.Run runA =
        EvaluateCommand.evaluate(
            a, models.get(0), display(a, 0, sameName), leads, labels, table.types(), progress);
    EvaluateCommand.Run runB =
        EvaluateCommand.evaluate(
            b, models.get(1), display(b, 1, sameName), leads, labels, table.types(), progress);
    Comparison comparison =
        Comparison.of(
            runA.evaluation(),
            runB.evaluation(),
            runA.scores().scores(),
            runB.scores().scores(),
            labels,
            resamples,
            seed,
            progress);
    if (json != null && json.toString().equals("-")) {
      spec.commandLine().getOut().print(JsonReports.comparison(comparison));
      spec.commandLine().getOut().flush();
      return 0;
    }
    if (json != null) {
      Commands.write(json, JsonReports.comparison(comparison));
    }
    if (html != null) {
      Commands.write(html, HtmlReport.comparison(comparison, data.toString()));
    }
    Summaries.comparison(spec.commandLine().getOut(), comparison);
    return 0;
  }

  private String display(CompiledModel model, int index, boolean sameName) {
    return sameName ? model.name() + " (" + models.get(index).getFileName() + ")" : model.name();
  }
}
