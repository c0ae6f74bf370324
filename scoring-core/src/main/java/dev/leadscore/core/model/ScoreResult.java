package dev.leadscore.core.model;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The score of one lead by one model version, with its explanation. Immutable.
 *
 * <p>Dimension subtotals are kept as an array beside the model's shared list of dimension names, so
 * a score allocates no map.
 */
public final class ScoreResult {
  private final CompiledModel model;
  private final String leadId;
  private final double score;
  private final String band;
  private final String scoreBand;
  private final double[] dimensionPoints;
  private final String grade;
  private final List<Contribution> contributions;
  private final List<String> firedRules;

  ScoreResult(
      CompiledModel model,
      String leadId,
      double score,
      String band,
      String scoreBand,
      double[] dimensionPoints,
      String grade,
      List<Contribution> contributions,
      List<String> firedRules) {
    this.model = model;
    this.leadId = requireNonNull(leadId, "leadId");
    this.score = score;
    this.band = band;
    this.scoreBand = scoreBand;
    this.dimensionPoints = dimensionPoints;
    this.grade = grade;
    this.contributions = contributions;
    this.firedRules = firedRules;
  }

  public String modelName() {
    return model.name();
  }

  public long modelVersion() {
    return model.version();
  }

  public String leadId() {
    return leadId;
  }

  /** The total, clamped to the model's scale and rounded to two decimals. */
  public double score() {
    return score;
  }

  /** The band after rules. */
  public String band() {
    return band;
  }

  /** The band the score alone gives. */
  public String scoreBand() {
    return scoreBand;
  }

  /** The model's dimension names, in order of first use. */
  public ImmutableList<String> dimensionNames() {
    return model.dimensionNames();
  }

  /** The subtotal of dimension {@code index} of {@link #dimensionNames()}, after its cap. */
  public double dimensionPoints(int index) {
    return dimensionPoints[index];
  }

  /** The grade of the model's grade matrix, e.g. {@code A1}; empty when the model has none. */
  public String grade() {
    return grade;
  }

  /** One entry per criterion, in model order; empty when no explanation was asked for. */
  public List<Contribution> contributions() {
    return contributions;
  }

  /** The ids of the rules whose condition held, in model order. */
  public List<String> firedRules() {
    return firedRules;
  }
}
