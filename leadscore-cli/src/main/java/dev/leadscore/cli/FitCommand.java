package dev.leadscore.cli;

import dev.leadscore.analysis.BandOptions;
import dev.leadscore.analysis.EventCountRules;
import dev.leadscore.analysis.FitOptions;
import dev.leadscore.analysis.FitResult;
import dev.leadscore.analysis.HtmlReport;
import dev.leadscore.analysis.JsonReports;
import dev.leadscore.analysis.ScorecardFitter;
import dev.leadscore.analysis.Table;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.ScoringModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leadscore fit}: fits an integer-points model to historical conversions. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Fit an integer-points model to past leads and their outcomes.",
      "Numeric columns become ranges and categorical columns groups of values, each with integer"
          + " points on 0-100, from an L2-regularised logistic regression (docs/FITTING.md). Writes"
          + " a model the server loads unchanged and prints its evaluation on the held-out leads."
    })
final class FitCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "CSV or JSON-lines leads.")
  Path data;

  @Option(
      names = "--label",
      required = true,
      paramLabel = "COLUMN",
      description = "Outcome column: 1/0, yes/no or true/false.")
  String label;

  @Option(
      names = "--exclude",
      paramLabel = "COLUMN",
      description =
          "A column that is not a feature (repeatable): ids, columns filled in after contact.")
  List<String> exclude = new ArrayList<>();

  @Option(
      names = "--holdout",
      defaultValue = "0.3",
      description = "Share of leads held out for evaluation; 0 for none.")
  double holdout;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the holdout split and cross-validation.")
  long seed;

  @Option(names = "--name", defaultValue = "fitted", description = "Name of the model written.")
  String name;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "Where to write the model JSON, e.g. models/my-model/1.json.")
  Path output;

  @Option(
      names = "--bands",
      split = ",",
      defaultValue = "cold,warm,hot",
      description =
          "Band names, lowest first. Shares default to 50,30,20 for cold,warm,hot, to equal shares for other names.")
  List<String> bands;

  @ArgGroup(exclusive = true)
  @Nullable BandValues bandValues;

  static final class BandValues {
    @Option(
        names = "--band-shares",
        split = ",",
        paramLabel = "SHARE",
        description = "Share of leads per band, lowest first (default 50,30,20).")
    @Nullable List<Double> shares;

    @Option(
        names = "--band-rates",
        split = ",",
        paramLabel = "RATE",
        description =
            "Predicted conversion rate at which each band above the first starts, e.g. 0.2,0.6.")
    @Nullable List<Double> rates;
  }

  @Option(
      names = "--lambda",
      description = "L2 penalty. Default: chosen by 5-fold cross-validation.")
  @Nullable Double lambda;

  @Option(
      names = "--min-bin-share",
      defaultValue = "0.01",
      description = "Smallest share of training leads in one range or group of values.")
  double minBinShare;

  @Option(
      names = "--max-bins",
      defaultValue = "10",
      description = "Most ranges per numeric column.")
  int maxBins;

  @Option(
      names = "--level-leads",
      defaultValue = "" + FitOptions.LEVEL_LEADS,
      description =
          "A category value too rare for a group of its own keeps points of its own, shrunk"
              + " towards its group's, when seen at least this often; 0 pools rare values.")
  int levelLeads;

  @Option(
      names = "--dimension",
      defaultValue = "fitted",
      description = "Dimension of the fitted criteria.")
  String dimension;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Also write an HTML report of the holdout (or training) evaluation.")
  @Nullable Path report;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write the fit summary and evaluations as JSON.")
  @Nullable Path json;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Mixin TableOptions table = new TableOptions();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return Commands.run(spec.commandLine().getErr(), this::fit);
  }

  private int fit() {
    Table leads = table.read(data, quiet);
    FitOptions options =
        new FitOptions(
            label,
            new LinkedHashSet<>(exclude),
            table.types(),
            holdout,
            seed,
            name,
            bandOptions(),
            table.missing,
            lambda,
            minBinShare,
            maxBins,
            dimension,
            levelLeads);
    FitResult fit =
        new ScorecardFitter(Commands.compiler()).fit(leads, options, Commands.progress(quiet));
    // Columns of event counts (count(TYPE), as export writes them) become rules on the events.
    ScoringModel written = EventCountRules.apply(fit.model());
    Commands.write(output, ModelDocuments.print(written) + "\n");
    if (report != null) {
      Commands.write(report, HtmlReport.fit(fit, data.toString()));
    }
    if (json != null) {
      Commands.write(json, JsonReports.fit(fit));
    }
    Summaries.fit(spec.commandLine().getOut(), fit, output);
    int rules = written.getRulesCount() - fit.model().getRulesCount();
    if (rules > 0) {
      spec.commandLine()
          .getOut()
          .printf(
              "count(TYPE) columns written as %d add_points rules on the lead's events%n", rules);
    }
    return 0;
  }

  private BandOptions bandOptions() {
    if (bandValues != null && bandValues.rates != null) {
      return new BandOptions(bands, BandOptions.Mode.RATE, bandValues.rates);
    }
    if (bandValues != null && bandValues.shares != null) {
      return new BandOptions(bands, BandOptions.Mode.SHARE, bandValues.shares);
    }
    if (bands.equals(BandOptions.defaults().names())) {
      return BandOptions.defaults();
    }
    List<Double> equal = new ArrayList<>();
    bands.forEach(b -> equal.add(1.0 / bands.size()));
    return new BandOptions(bands, BandOptions.Mode.SHARE, equal);
  }
}
