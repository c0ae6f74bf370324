package dev.leadscore.cli;

import dev.leadscore.analysis.JsonReports;
import dev.leadscore.analysis.Table;
import dev.leadscore.analysis.TableScorer;
import dev.leadscore.core.model.CompiledModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leadscore score}: scores a file of leads offline with the server's engine. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Score every lead of a CSV or JSON-lines file offline, with the server's engine.",
      "Writes CSV (the input columns, missing values empty, plus score and band) or, for an"
          + " output ending in .jsonl, JSON lines {\"id\", \"score\", \"band\"}."
    })
final class ScoreCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "MODEL",
      description = "Model JSON file.")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Leads to score.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write.")
  Path output;

  @Option(names = "--id", paramLabel = "COLUMN", description = "The column holding lead ids.")
  @Nullable String idColumn;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Mixin TableOptions table = new TableOptions();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return Commands.run(spec.commandLine().getErr(), this::score);
  }

  private int score() {
    CompiledModel compiled = Commands.loadModel(Commands.compiler(), model);
    Table leads = table.read(input, quiet);
    TableScorer.Scores scores =
        TableScorer.score(compiled, leads, table.types(), idColumn, Commands.progress(quiet));
    boolean jsonLines = output.toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
    Commands.write(
        output, jsonLines ? JsonReports.scoreLines(scores) : JsonReports.scoredCsv(leads, scores));
    spec.commandLine()
        .getOut()
        .printf("scored %d leads with %s into %s%n", leads.size(), compiled.name(), output);
    return 0;
  }
}
