package dev.leadscore.core.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.account.AccountDefinition;
import dev.leadscore.core.lead.ExpectedAttribute;
import dev.leadscore.core.lead.ScoringLead;
import dev.leadscore.core.plugin.CriterionLimitException;
import dev.leadscore.core.rule.RuleEvaluationException;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One version of a model, compiled: every criterion created, every rule type-checked, every table
 * precomputed. Deeply immutable and thread-safe; share one instance across all requests.
 *
 * <p>Scoring order: each criterion's points, bounded by its cap, add up per dimension; each
 * dimension is bounded by its cap; the dimensions add up to the total; {@code add_points} rules
 * that hold add to it; the total is clamped to the scale and rounded to two decimals and gives the
 * score band; the first {@code force_band} rule that holds sets the band; then every {@code
 * block_band} rule that holds moves the band below its blocked band. The grade, if the model has a
 * grade matrix, comes from the dimension subtotals alone: it is known before the first rule, which
 * can read it, and no rule changes it.
 */
public final class CompiledModel {
  private final ScoringModel document;
  private final long version;
  private final CompiledCriterion[] criteria;
  private final ImmutableList<String> dimensionNames;
  private final double[] dimensionMin;
  private final double[] dimensionMax;
  private final double scaleMin;
  private final double scaleMax;
  private final BandTable bands;
  private final @Nullable GradeTable grades;
  private final CompiledRule[] rules;
  private final ImmutableMap<String, ExpectedAttribute> expectedAttributes;
  private final ImmutableList<FieldViolation> warnings;
  private final @Nullable AccountDefinition account;

  CompiledModel(
      ScoringModel document,
      long version,
      List<CompiledCriterion> criteria,
      ImmutableList<String> dimensionNames,
      double[] dimensionMin,
      double[] dimensionMax,
      double scaleMin,
      double scaleMax,
      BandTable bands,
      @Nullable GradeTable grades,
      List<CompiledRule> rules,
      ImmutableMap<String, ExpectedAttribute> expectedAttributes,
      ImmutableList<FieldViolation> warnings,
      @Nullable AccountDefinition account) {
    this.document = document;
    this.version = version;
    this.criteria = criteria.toArray(new CompiledCriterion[0]);
    this.dimensionNames = dimensionNames;
    this.dimensionMin = dimensionMin.clone();
    this.dimensionMax = dimensionMax.clone();
    this.scaleMin = scaleMin;
    this.scaleMax = scaleMax;
    this.bands = bands;
    this.grades = grades;
    this.rules = rules.toArray(new CompiledRule[0]);
    this.expectedAttributes = expectedAttributes;
    this.warnings = warnings;
    this.account = account;
  }

  /**
   * This model as another version of the same document: shares every compiled part, which are
   * immutable. Publishing checks a document before its version number is known.
   */
  public CompiledModel asVersion(long newVersion) {
    if (newVersion == version) {
      return this;
    }
    return new CompiledModel(
        document,
        newVersion,
        List.of(criteria),
        dimensionNames,
        dimensionMin,
        dimensionMax,
        scaleMin,
        scaleMax,
        bands,
        grades,
        List.of(rules),
        expectedAttributes,
        warnings,
        account);
  }

  public String name() {
    return document.getName();
  }

  public long version() {
    return version;
  }

  /** The document this model was compiled from. */
  public ScoringModel document() {
    return document;
  }

  /** Dimension names in order of first use by a criterion. */
  public ImmutableList<String> dimensionNames() {
    return dimensionNames;
  }

  /**
   * The account section of an account model, which scores accounts from the leads of its lead
   * model; empty for a lead model.
   */
  public Optional<AccountDefinition> account() {
    return Optional.ofNullable(account);
  }

  /** The attributes criteria read, with the type each expects; used to validate requests. */
  public ImmutableMap<String, ExpectedAttribute> expectedAttributes() {
    return expectedAttributes;
  }

  /**
   * What compiling found doubtful but valid, e.g. a short substring needle, each with its path in
   * the document; empty for most models.
   */
  public ImmutableList<FieldViolation> warnings() {
    return warnings;
  }

  /**
   * Scores one lead.
   *
   * @param explain whether to build each criterion's reason
   * @throws ScoringException {@link ScoringErrorCode#PLUGIN_FAILED} when a criterion throws,
   *     returns a non-finite number or runs into a limit of its plugin executor (each counted in
   *     the registry's {@link dev.leadscore.core.plugin.CriterionFailures}), {@link
   *     ScoringErrorCode#RULE_FAILED} when a rule cannot be evaluated for this lead
   */
  public ScoreResult score(ScoringLead lead, boolean explain) {
    double[] dimensions = new double[dimensionNames.size()];
    List<Contribution> contributions = explain ? new ArrayList<>(criteria.length) : List.of();
    for (CompiledCriterion criterion : criteria) {
      double points = criterion.cap(evaluate(criterion, lead, explain, contributions));
      dimensions[criterion.dimensionIndex()] += points;
    }
    double total = 0;
    for (int i = 0; i < dimensions.length; i++) {
      double bounded = Math.min(Math.max(dimensions[i], dimensionMin[i]), dimensionMax[i]);
      total += bounded;
      dimensions[i] = round(bounded);
    }
    String grade = grades == null ? "" : grades.grade(dimensions);
    return rules.length == 0
        ? result(lead, clampAndRound(total), dimensions, grade, contributions)
        : applyRules(lead, total, dimensions, grade, contributions);
  }

  private double evaluate(
      CompiledCriterion criterion,
      ScoringLead lead,
      boolean explain,
      List<Contribution> contributions) {
    Criterion plugin = criterion.criterion();
    double points;
    try {
      if (explain) {
        CriterionResult result = plugin.evaluate(lead);
        points = result.points();
        double capped = criterion.cap(points);
        contributions.add(
            new Contribution(
                criterion.id(),
                criterion.dimension(),
                round(capped),
                capped == points ? result.reason() : criterion.cappedReason(result.reason())));
      } else {
        points = plugin.points(lead);
      }
    } catch (CriterionLimitException e) {
      criterion.failures().record(criterion.type());
      throw new ScoringException(
          ScoringErrorCode.PLUGIN_FAILED,
          "criterion " + criterion.id() + " (type " + criterion.type() + ") " + e.getMessage(),
          List.of(),
          e);
    } catch (RuntimeException e) {
      criterion.failures().record(criterion.type());
      throw new ScoringException(
          ScoringErrorCode.PLUGIN_FAILED,
          "criterion " + criterion.id() + " (type " + criterion.type() + ") failed",
          List.of(),
          e);
    }
    if (!Double.isFinite(points)) {
      criterion.failures().record(criterion.type());
      throw new ScoringException(
          ScoringErrorCode.PLUGIN_FAILED,
          "criterion "
              + criterion.id()
              + " (type "
              + criterion.type()
              + ") returned "
              + points
              + " (expected: a finite number)");
    }
    return points;
  }

  private ScoreResult applyRules(
      ScoringLead lead,
      double total,
      double[] dimensions,
      String grade,
      List<Contribution> contributions) {
    RuleScope scope = new RuleScope(lead, dimensionNames, dimensions, grade);
    boolean[] fired = new boolean[rules.length];
    try {
      for (int i = 0; i < rules.length; i++) {
        CompiledRule rule = rules[i];
        if (rule.kind() == CompiledRule.Kind.ADD_POINTS) {
          scope.score(clampAndRound(total), bands);
          if (rule.condition().test(scope)) {
            fired[i] = true;
            total += rule.points();
          }
        }
      }
      double score = clampAndRound(total);
      scope.score(score, bands);
      int scoreBand = bands.indexOf(score);
      int band = scoreBand;
      boolean forced = false;
      for (int i = 0; i < rules.length; i++) {
        CompiledRule rule = rules[i];
        if (rule.kind() == CompiledRule.Kind.FORCE_BAND
            && !forced
            && rule.condition().test(scope)) {
          fired[i] = true;
          forced = true;
          band = rule.bandIndex();
        }
      }
      for (int i = 0; i < rules.length; i++) {
        CompiledRule rule = rules[i];
        if (rule.kind() == CompiledRule.Kind.BLOCK_BAND
            && band >= rule.bandIndex()
            && rule.condition().test(scope)) {
          fired[i] = true;
          band = rule.bandIndex() - 1;
        }
      }
      List<String> firedIds = new ArrayList<>(2);
      for (int i = 0; i < rules.length; i++) {
        if (fired[i]) {
          firedIds.add(rules[i].id());
        }
      }
      return new ScoreResult(
          this,
          lead.id(),
          score,
          bands.name(band),
          bands.name(scoreBand),
          dimensions,
          grade,
          contributions,
          firedIds);
    } catch (RuleEvaluationException e) {
      throw new ScoringException(ScoringErrorCode.RULE_FAILED, e.getMessage(), List.of(), e);
    }
  }

  private ScoreResult result(
      ScoringLead lead,
      double score,
      double[] dimensions,
      String grade,
      List<Contribution> contributions) {
    String band = bands.name(bands.indexOf(score));
    return new ScoreResult(
        this, lead.id(), score, band, band, dimensions, grade, contributions, List.of());
  }

  private double clampAndRound(double total) {
    return round(Math.min(Math.max(total, scaleMin), scaleMax));
  }

  static double round(double value) {
    return Math.round(value * 100.0) / 100.0;
  }
}
