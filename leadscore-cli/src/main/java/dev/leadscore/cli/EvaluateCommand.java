package dev.leadscore.cli;

import dev.leadscore.analysis.Evaluation;
import dev.leadscore.analysis.Evaluator;
import dev.leadscore.analysis.HtmlReport;
import dev.leadscore.analysis.JsonReports;
import dev.leadscore.analysis.Labels;
import dev.leadscore.analysis.ModelDetails;
import dev.leadscore.analysis.Progress;
import dev.leadscore.analysis.Table;
import dev.leadscore.analysis.TableScorer;
import dev.leadscore.core.model.CompiledModel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leadscore evaluate}: how well a model ranks real outcomes. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Measure how well a model ranks leads whose outcome is known.",
      "ROC AUC, conversion rate and lead count per band and per decile, lift over the base rate,"
          + " calibration. Prints a summary; --json writes the measures for machines, --html a"
          + " self-contained report with charts.",
      "Offline: --model FILE --data FILE --label COLUMN. Live (--live): the scores a running"
          + " server kept before each stored lead's outcome, per model version and experiment arm,"
          + " with the sales rejections per band and, for an experiment, champion against"
          + " challenger with bootstrap intervals and a verdict when one is significant."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description = "Model JSON file; with --live, the model's name (default: the server's).")
  @Nullable String model;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description = "CSV or JSON-lines leads with outcomes (offline).")
  @Nullable Path data;

  @Option(
      names = "--label",
      paramLabel = "COLUMN",
      description = "Outcome column: 1/0, yes/no or true/false (offline).")
  @Nullable String label;

  @Mixin LiveEvaluationOptions live = new LiveEvaluationOptions();

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Write the measures as JSON ('-' for stdout).")
  @Nullable Path json;

  @Option(names = "--html", paramLabel = "FILE", description = "Write an HTML report.")
  @Nullable Path html;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Mixin TableOptions table = new TableOptions();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (live.live) {
      return Commands.run(
          spec.commandLine().getErr(),
          () -> live.evaluate(model, json, html, spec.commandLine().getOut()));
    }
    if (model == null || data == null || label == null) {
      spec.commandLine()
          .getErr()
          .println(
              "leadscore: evaluate needs --model FILE, --data FILE and --label COLUMN (or --live to"
                  + " evaluate a running server's stored leads)");
      return Commands.BAD_INPUT;
    }
    Path modelFile = Path.of(model);
    Path dataFile = data;
    String labelColumn = label;
    return Commands.run(
        spec.commandLine().getErr(), () -> evaluate(modelFile, dataFile, labelColumn));
  }

  private int evaluate(Path model, Path data, String label) {
    CompiledModel compiled = Commands.loadModel(Commands.compiler(), model);
    Table leads = table.read(data, quiet);
    boolean[] labels = Labels.read(leads, label);
    Evaluation evaluation =
        evaluate(
                compiled,
                model,
                compiled.name(),
                leads,
                labels,
                table.types(),
                Commands.progress(quiet))
            .evaluation();
    if (json != null && json.toString().equals("-")) {
      spec.commandLine().getOut().print(JsonReports.evaluation(evaluation));
      spec.commandLine().getOut().flush();
      return 0;
    }
    if (json != null) {
      Commands.write(json, JsonReports.evaluation(evaluation));
    }
    if (html != null) {
      Commands.write(html, HtmlReport.evaluation(evaluation, data.toString()));
    }
    Summaries.evaluation(spec.commandLine().getOut(), data.toString(), evaluation);
    return 0;
  }

  /** A model's scores of a table and their evaluation. */
  record Run(TableScorer.Scores scores, Evaluation evaluation) {}

  static Run evaluate(
      CompiledModel model,
      Path modelFile,
      String displayName,
      Table leads,
      boolean[] labels,
      Map<String, dev.leadscore.analysis.ColumnType> types,
      Progress progress) {
    TableScorer.Scores scores = TableScorer.score(model, leads, types, null, progress);
    Evaluation evaluation =
        Evaluator.evaluate(
            ModelDetails.ofFile(model.document(), modelFile),
            displayName,
            scores.scores(),
            scores.bands(),
            labels);
    return new Run(scores, evaluation);
  }
}
