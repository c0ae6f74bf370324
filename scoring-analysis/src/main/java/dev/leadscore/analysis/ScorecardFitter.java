package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import com.google.common.annotations.VisibleForTesting;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.evaluation.ScoreLogistic;
import dev.leadscore.evaluation.ScoreMeasures;
import dev.leadscore.proto.v1.CriterionSpec;
import dev.leadscore.proto.v1.ScoringModel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Fits an integer-points scorecard from historical conversions: every column is binned ({@link
 * Binner}), the bins one-hot encoded, an L2-regularised logistic regression fitted ({@link
 * LogisticRegression}, penalty by cross-validation), and its coefficients scaled to integer points
 * on 0–100 ({@link PointsScale}). The result is an ordinary model document of {@code attribute}
 * criteria; it is compiled and scored with the real engine to evaluate it. See docs/FITTING.md.
 */
public final class ScorecardFitter {
  private static final double SCALE_MAX = 100;

  /** The most category values with points of their own, over all columns. */
  static final int MAX_LEVELS = 500;

  private final ModelCompiler compiler;
  private final Clock clock;

  /** A fitter that dates its models by the system clock. */
  public ScorecardFitter(ModelCompiler compiler) {
    this(compiler, Clock.systemUTC());
  }

  /** A fitter that dates its models by {@code clock}. */
  public ScorecardFitter(ModelCompiler compiler, Clock clock) {
    this.compiler = requireNonNull(compiler, "compiler");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Fits a model to {@code table}.
   *
   * @throws InputException when a column is unknown, the label is unreadable, or no column carries
   *     any signal
   */
  public FitResult fit(Table table, FitOptions options, Progress progress) {
    requireNonNull(table, "table");
    requireNonNull(options, "options");
    requireNonNull(progress, "progress");
    boolean[] labels = Labels.read(table, options.label());
    Map<String, ColumnType> types =
        ColumnTypes.detect(table, features(table, options), options.types());
    int[][] split = split(table.size(), options.holdout(), options.seed());
    int[] training = split[0];
    List<String> dropped = new ArrayList<>();
    List<ColumnBins> columns = bin(table, labels, training, types, options, dropped, progress);
    Design design = new Design(table, columns);
    double lambda =
        options.lambda() != null
            ? options.lambda()
            : PenaltySearch.choose(design, labels, training, options.seed(), progress);
    LogisticRegression.Fit fit =
        LogisticRegression.fit(design.rows, labels, training, design.features, lambda);
    List<double[]> coefficients = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      coefficients.add(design.effects(fit, c));
    }
    PointsScale.Scaled scaled = PointsScale.scale(coefficients, SCALE_MAX);
    List<CriterionSpec> criteria = criteria(design, scaled, training, options, dropped);
    if (criteria.isEmpty()) {
      throw new InputException(
          table.source()
              + ": no column predicts "
              + options.label()
              + " (dropped: "
              + dropped
              + ")");
    }
    double[] trainingScores = integerScores(design, scaled, training);
    boolean[] trainingLabels = subset(labels, training);
    ScoreLogistic curve = ScoreLogistic.fit(trainingScores, trainingLabels);
    int[] bandMins = BandCuts.cut(options.bands(), trainingScores, curve);
    Instant fitted = clock.instant();
    ScoringModel model =
        ModelAssembly.model(
            options.modelName(),
            FitDescriptions.of(table.source(), options, lambda, curve, training.length, fitted),
            criteria,
            options.bands().names(),
            bandMins);
    ModelDetails details = new ModelDetails(model, null, fitted, null);
    return evaluate(details, table, labels, split, lambda, dropped, options, fitted, progress);
  }

  private static List<String> features(Table table, FitOptions options) {
    for (String column : options.exclude()) {
      table.requireColumn(column, "--exclude");
    }
    table.requireColumn(options.label(), "label");
    return table.columns().stream()
        .filter(c -> !c.equals(options.label()) && !options.exclude().contains(c))
        .toList();
  }

  /** Seeded shuffle: [0] the training rows, [1] the holdout rows, each ascending. */
  static int[][] split(int rows, double holdout, long seed) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    PenaltySearch.shuffle(order, new Random(seed));
    int held = (int) Math.round(holdout * rows);
    int[] holdoutRows = Arrays.copyOfRange(order, 0, held);
    int[] trainingRows = Arrays.copyOfRange(order, held, rows);
    Arrays.sort(holdoutRows);
    Arrays.sort(trainingRows);
    return new int[][] {trainingRows, holdoutRows};
  }

  private static List<ColumnBins> bin(
      Table table,
      boolean[] labels,
      int[] training,
      Map<String, ColumnType> types,
      FitOptions options,
      List<String> dropped,
      Progress progress) {
    Binner binner =
        new Binner(
            table,
            labels,
            training,
            options.minBinShare(),
            options.maxBins(),
            options.levelLeads());
    List<ColumnBins> columns = new ArrayList<>();
    progress.start("fit: binning columns", types.size());
    types.forEach(
        (column, type) -> {
          columns.add(binner.bin(column, type));
          progress.advance(1);
        });
    progress.finish();
    List<ColumnBins> kept = new ArrayList<>();
    for (ColumnBins bins : withinLevelBudget(columns)) {
      if (bins.outcomes() > 1) {
        kept.add(bins);
      } else {
        dropped.add(bins.column() + " (one bin: no difference in conversion)");
      }
    }
    return kept;
  }

  /**
   * Keeps the {@link #MAX_LEVELS} most common levels over all columns (ties: earlier columns
   * first), so the regression stays small enough to solve quickly.
   */
  @VisibleForTesting
  static List<ColumnBins> withinLevelBudgetForTest(List<ColumnBins> columns) {
    return withinLevelBudget(columns);
  }

  private static List<ColumnBins> withinLevelBudget(List<ColumnBins> columns) {
    List<Integer> counts = new ArrayList<>();
    for (ColumnBins bins : columns) {
      if (bins instanceof CategoryBins category) {
        Arrays.stream(category.levelLeads()).forEach(counts::add);
      }
    }
    if (counts.size() <= MAX_LEVELS) {
      return columns;
    }
    counts.sort(Comparator.reverseOrder());
    int threshold = counts.get(MAX_LEVELS - 1);
    int atThreshold =
        (int) counts.subList(0, MAX_LEVELS).stream().filter(c -> c == threshold).count();
    List<ColumnBins> trimmed = new ArrayList<>();
    for (ColumnBins bins : columns) {
      if (bins instanceof CategoryBins category) {
        int keep = 0;
        for (int leads : category.levelLeads()) {
          if (leads > threshold || (leads == threshold && atThreshold-- > 0)) {
            keep++;
          }
        }
        trimmed.add(category.withLevels(keep));
      } else {
        trimmed.add(bins);
      }
    }
    return trimmed;
  }

  private static List<CriterionSpec> criteria(
      Design design,
      PointsScale.Scaled scaled,
      int[] training,
      FitOptions options,
      List<String> dropped) {
    Set<String> ids = new HashSet<>();
    List<CriterionSpec> criteria = new ArrayList<>();
    for (int c = 0; c < design.columns.size(); c++) {
      int[] points = scaled.points()[c];
      ColumnBins bins = design.columns.get(c);
      if (points == null || Arrays.stream(points).distinct().count() < 2) {
        dropped.add(bins.column() + " (the same points for every value after rounding)");
        continue;
      }
      criteria.add(
          ModelAssembly.criterion(
              ModelAssembly.id(bins.column(), ids),
              options.dimension(),
              bins,
              points,
              design.shares(c, training),
              options.placeholders()));
    }
    return criteria;
  }

  private static double[] integerScores(Design design, PointsScale.Scaled scaled, int[] use) {
    double[] scores = new double[use.length];
    for (int i = 0; i < use.length; i++) {
      int[] outcomes = design.outcomes[use[i]];
      for (int c = 0; c < outcomes.length; c++) {
        if (scaled.points()[c] != null && outcomes[c] >= 0) {
          scores[i] += scaled.points()[c][outcomes[c]];
        }
      }
    }
    return scores;
  }

  private FitResult evaluate(
      ModelDetails model,
      Table table,
      boolean[] labels,
      int[][] split,
      double lambda,
      List<String> dropped,
      FitOptions options,
      Instant fitted,
      Progress progress) {
    CompiledModel compiled = compiler.compile(model.document(), 1);
    TableScorer.Scores scores = TableScorer.score(compiled, table, options.types(), null, progress);
    Evaluation training = evaluate(model, scores, labels, split[0]);
    Evaluation holdout = split[1].length == 0 ? null : evaluate(model, scores, labels, split[1]);
    List<String> warnings = new ArrayList<>();
    checkBands(training, "training", warnings);
    if (holdout != null) {
      checkBands(holdout, "holdout", warnings);
    }
    return new FitResult(
        model.document(),
        training,
        holdout,
        lambda,
        training.calibration(),
        dropped,
        warnings,
        options,
        fitted);
  }

  private static Evaluation evaluate(
      ModelDetails model, TableScorer.Scores scores, boolean[] labels, int[] rows) {
    double[] subsetScores = new double[rows.length];
    String[] subsetBands = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      subsetScores[i] = scores.scores()[rows[i]];
      subsetBands[i] = scores.bands()[rows[i]];
    }
    return Evaluator.evaluate(model, model.name(), subsetScores, subsetBands, subset(labels, rows));
  }

  private static void checkBands(Evaluation evaluation, String set, List<String> warnings) {
    double previous = -1;
    for (ScoreMeasures.Segment band : evaluation.bands()) {
      if (band.leads() == 0) {
        warnings.add("band " + band.name() + " holds no " + set + " leads");
      } else if (!(band.rate() > previous)) {
        warnings.add(
            String.format(
                Locale.ROOT,
                "band %s converts at %.1f %% on the %s rows, not above the band below",
                band.name(),
                100 * band.rate(),
                set));
      }
      previous = band.leads() == 0 ? previous : band.rate();
    }
  }

  private static boolean[] subset(boolean[] labels, int[] rows) {
    boolean[] subset = new boolean[rows.length];
    for (int i = 0; i < rows.length; i++) {
      subset[i] = labels[rows[i]];
    }
    return subset;
  }
}
