package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ScorecardFitter} fits and how.
 *
 * @param label the outcome column (1/0, yes/no or true/false)
 * @param exclude columns that are not features (identifiers, columns filled in after contact)
 * @param types column types that win over detection
 * @param holdout the share of rows kept out of fitting and used to evaluate, in [0, 0.9)
 * @param seed seeds the holdout split and the cross-validation folds
 * @param modelName the name of the model written
 * @param bands how bands are set
 * @param placeholders values that meant "missing" in the data (e.g. {@code Select}); the model
 *     scores them as missing values
 * @param lambda the L2 penalty, or {@code null} to choose it by 5-fold cross-validation
 * @param minBinShare the smallest share of training leads a bin may hold
 * @param maxBins the most ranges a numeric column is cut into
 * @param dimension the dimension every fitted criterion counts towards
 * @param levelLeads a category value too rare for a group of its own but seen in at least this many
 *     training leads gets points of its own, shrunk towards its group's; 0 pools such values with
 *     the other rare ones
 */
public record FitOptions(
    String label,
    Set<String> exclude,
    Map<String, ColumnType> types,
    double holdout,
    long seed,
    String modelName,
    BandOptions bands,
    List<String> placeholders,
    @Nullable Double lambda,
    double minBinShare,
    int maxBins,
    String dimension,
    int levelLeads) {
  /** The default of {@link #levelLeads}. */
  public static final int LEVEL_LEADS = 3;

  public FitOptions {
    requireNonNull(label, "label");
    exclude = Set.copyOf(exclude);
    types = Map.copyOf(types);
    requireNonNull(modelName, "modelName");
    requireNonNull(bands, "bands");
    placeholders = List.copyOf(placeholders);
    requireNonNull(dimension, "dimension");
    if (!(holdout >= 0 && holdout < 0.9)) {
      throw new IllegalArgumentException("holdout: " + holdout + " (expected: >= 0 and < 0.9)");
    }
    if (lambda != null && !(lambda > 0)) {
      throw new IllegalArgumentException("lambda: " + lambda + " (expected: > 0)");
    }
    if (!(minBinShare > 0 && minBinShare < 0.5)) {
      throw new IllegalArgumentException(
          "minBinShare: " + minBinShare + " (expected: > 0 and < 0.5)");
    }
    if (maxBins < 2) {
      throw new IllegalArgumentException("maxBins: " + maxBins + " (expected: >= 2)");
    }
    if (levelLeads < 0) {
      throw new IllegalArgumentException("levelLeads: " + levelLeads + " (expected: >= 0)");
    }
  }

  /** Options with the default {@link #levelLeads}. */
  public FitOptions(
      String label,
      Set<String> exclude,
      Map<String, ColumnType> types,
      double holdout,
      long seed,
      String modelName,
      BandOptions bands,
      List<String> placeholders,
      @Nullable Double lambda,
      double minBinShare,
      int maxBins,
      String dimension) {
    this(
        label,
        exclude,
        types,
        holdout,
        seed,
        modelName,
        bands,
        placeholders,
        lambda,
        minBinShare,
        maxBins,
        dimension,
        LEVEL_LEADS);
  }

  /** Every column but the label is a feature; 30 % holdout, seed 1, default bands. */
  public static FitOptions defaults(String label, String modelName) {
    return new FitOptions(
        label,
        Set.of(),
        Map.of(),
        0.3,
        1,
        modelName,
        BandOptions.defaults(),
        List.of(),
        null,
        0.01,
        10,
        "fitted");
  }

  /** These options with other excluded columns. */
  public FitOptions withExclude(Set<String> columns) {
    return new FitOptions(
        label,
        columns,
        types,
        holdout,
        seed,
        modelName,
        bands,
        placeholders,
        lambda,
        minBinShare,
        maxBins,
        dimension,
        levelLeads);
  }

  /** These options with another {@link #levelLeads}; 0 pools every rare value. */
  public FitOptions withLevelLeads(int leads) {
    return new FitOptions(
        label,
        exclude,
        types,
        holdout,
        seed,
        modelName,
        bands,
        placeholders,
        lambda,
        minBinShare,
        maxBins,
        dimension,
        leads);
  }
}
