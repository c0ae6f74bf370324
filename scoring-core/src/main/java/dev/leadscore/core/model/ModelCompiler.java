package dev.leadscore.core.model;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.leadscore.api.AttributeType;
import dev.leadscore.api.ConfigProblem;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.account.AccountCriteria;
import dev.leadscore.core.account.AccountDefinition;
import dev.leadscore.core.account.AccountSpecs;
import dev.leadscore.core.internal.Echoes;
import dev.leadscore.core.lead.ExpectedAttribute;
import dev.leadscore.core.lead.Values;
import dev.leadscore.core.plugin.CriterionLimitException;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.rule.RuleConditions;
import dev.leadscore.proto.v1.Bounds;
import dev.leadscore.proto.v1.CriterionSpec;
import dev.leadscore.proto.v1.ScoringModel;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Compiles model documents into {@link CompiledModel}s. Every part is checked and every problem
 * collected, with its path in the document, before compilation fails once with all of them.
 * Warnings that plugins report (valid settings that are probably mistakes) are collected the same
 * way; they never fail a model and come with it ({@link CompiledModel#warnings()}) or with its
 * {@link #diagnose diagnostics}. Thread-safe.
 */
public final class ModelCompiler {
  /** Model names: also folder names in a model repository, so no separators or dots first. */
  public static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private static final System.Logger LOG = System.getLogger(ModelCompiler.class.getName());
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final double DEFAULT_SCALE_MAX = 100;

  private final CriterionRegistry registry;
  private final RuleConditions ruleConditions;
  private final ModelLimits limits;

  @Inject
  public ModelCompiler(
      CriterionRegistry registry, RuleConditions ruleConditions, ModelLimits limits) {
    this.registry = requireNonNull(registry, "registry");
    this.ruleConditions = requireNonNull(ruleConditions, "ruleConditions");
    this.limits = requireNonNull(limits, "limits");
  }

  /** The bounds models are checked against before they are compiled. */
  public ModelLimits limits() {
    return limits;
  }

  /**
   * Compiles one version of a model. A model over one of the {@link ModelLimits} is refused before
   * any part of it is compiled.
   *
   * @throws ScoringException {@link ScoringErrorCode#INVALID_MODEL} listing every problem
   */
  public CompiledModel compile(ScoringModel model, long version) {
    requireNonNull(model, "model");
    List<ConfigProblem> problems = new ArrayList<>();
    List<ConfigProblem> warnings = new ArrayList<>();
    CompiledModel compiled = compile(model, version, problems, warnings);
    if (compiled == null) {
      throw invalid(model, problems);
    }
    return compiled;
  }

  /**
   * Checks a model as {@link #compile} does and returns every problem and every warning, each with
   * its path in the document; throws nothing for an invalid model.
   */
  public ModelDiagnostics diagnose(ScoringModel model) {
    requireNonNull(model, "model");
    List<ConfigProblem> problems = new ArrayList<>();
    List<ConfigProblem> warnings = new ArrayList<>();
    compile(model, 1, problems, warnings);
    return new ModelDiagnostics(violations(problems), violations(warnings));
  }

  /**
   * What {@link #diagnose} finds, and the compiled model when there are no problems: a caller that
   * checks a model and then serves it (publishing does) compiles it once.
   *
   * @param version the version the compiled model reports
   */
  public Checked check(ScoringModel model, long version) {
    requireNonNull(model, "model");
    List<ConfigProblem> problems = new ArrayList<>();
    List<ConfigProblem> warnings = new ArrayList<>();
    CompiledModel compiled = compile(model, version, problems, warnings);
    return new Checked(new ModelDiagnostics(violations(problems), violations(warnings)), compiled);
  }

  /**
   * A model checked by {@link #check}.
   *
   * @param diagnostics its problems and warnings
   * @param model the compiled model, present exactly when {@code diagnostics} has no problem
   */
  public record Checked(ModelDiagnostics diagnostics, @Nullable CompiledModel model) {
    public Checked {
      requireNonNull(diagnostics, "diagnostics");
    }
  }

  /** The compiled model, or {@code null} when {@code problems} has any. */
  private @Nullable CompiledModel compile(
      ScoringModel model,
      long version,
      List<ConfigProblem> problems,
      List<ConfigProblem> warnings) {
    ModelSizes.check(model, limits, problems);
    if (!problems.isEmpty()) {
      return null;
    }
    if (!MODEL_NAME.matcher(model.getName()).matches()) {
      problems.add(
          new ConfigProblem(
              "name",
              describe(model.getName())
                  + " (expected: 1 to 64 lowercase letters, digits, '.', '_' or '-', starting"
                  + " with a letter or digit)"));
    }
    double scaleMin = model.hasScale() ? model.getScale().getMin() : 0;
    double scaleMax = model.hasScale() ? model.getScale().getMax() : DEFAULT_SCALE_MAX;
    if (!(scaleMin < scaleMax)) {
      problems.add(
          new ConfigProblem(
              "scale", "min " + scaleMin + ", max " + scaleMax + " (expected: min < max)"));
    }
    Map<String, Integer> dimensionIndex = new LinkedHashMap<>();
    Map<String, ExpectedAttribute> expected = new HashMap<>();
    AccountDefinition account = model.hasAccount() ? AccountSpecs.compile(model, problems) : null;
    Map<String, CriterionFactory> accountTypes =
        account == null ? Map.of() : AccountCriteria.factories(account);
    List<CompiledCriterion> criteria =
        compileCriteria(model, accountTypes, dimensionIndex, expected, problems, warnings);
    if (account != null) {
      checkAccountAttributes(model, account, expected, problems);
    }
    int dimensions = dimensionIndex.size();
    double[] dimensionMin = new double[dimensions];
    double[] dimensionMax = new double[dimensions];
    java.util.Arrays.fill(dimensionMin, Double.NEGATIVE_INFINITY);
    java.util.Arrays.fill(dimensionMax, Double.POSITIVE_INFINITY);
    model
        .getDimensionCapsMap()
        .forEach(
            (dimension, bounds) -> {
              String path = "dimension_caps." + dimension;
              Integer index = dimensionIndex.get(dimension);
              if (index == null) {
                problems.add(
                    new ConfigProblem(
                        path,
                        "no criterion has this dimension (expected one of: "
                            + String.join(", ", dimensionIndex.keySet())
                            + ")"));
              } else if (checkBounds(bounds, path, problems)) {
                dimensionMin[index] = bounds.hasMin() ? bounds.getMin() : Double.NEGATIVE_INFINITY;
                dimensionMax[index] = bounds.hasMax() ? bounds.getMax() : Double.POSITIVE_INFINITY;
              }
            });
    BandTable bands = Bands.compile(model, scaleMin, scaleMax, problems);
    GradeTable grades =
        model.hasGrade()
            ? Grades.compile(model.getGrade(), dimensionIndex, dimensionMin, dimensionMax, problems)
            : null;
    List<CompiledRule> rules =
        Rules.compile(model, ruleConditions, grades == null ? Set.of() : grades.names(), problems);
    if (!problems.isEmpty()) {
      return null;
    }
    return new CompiledModel(
        model,
        version,
        criteria,
        ImmutableList.copyOf(dimensionIndex.keySet()),
        dimensionMin,
        dimensionMax,
        scaleMin,
        scaleMax,
        bands,
        grades,
        rules,
        ImmutableMap.copyOf(expected),
        violations(warnings),
        account);
  }

  private List<CompiledCriterion> compileCriteria(
      ScoringModel model,
      Map<String, CriterionFactory> accountTypes,
      Map<String, Integer> dimensionIndex,
      Map<String, ExpectedAttribute> expected,
      List<ConfigProblem> problems,
      List<ConfigProblem> warnings) {
    if (model.getCriteriaCount() == 0) {
      problems.add(new ConfigProblem("criteria", "empty (expected: at least one criterion)"));
    }
    Map<String, Integer> ids = new HashMap<>();
    List<CompiledCriterion> compiled = new ArrayList<>(model.getCriteriaCount());
    for (int i = 0; i < model.getCriteriaCount(); i++) {
      CriterionSpec spec = model.getCriteria(i);
      String path = "criteria[" + i + "]";
      if (!ID.matcher(spec.getId()).matches()) {
        problems.add(
            new ConfigProblem(
                path + ".id",
                describe(spec.getId())
                    + " (expected: 1 to 64 lowercase letters, digits, '_' or '-')"));
      } else {
        Integer previous = ids.putIfAbsent(spec.getId(), i);
        if (previous != null) {
          problems.add(
              new ConfigProblem(
                  path + ".id",
                  describe(spec.getId())
                      + " is also the id of criteria["
                      + previous
                      + "] (expected: unique ids)"));
        }
      }
      if (spec.getDimension().isEmpty()) {
        problems.add(
            new ConfigProblem(
                path + ".dimension", "missing (expected: a dimension such as fit or engagement)"));
      }
      boolean boundsValid = !spec.hasCap() || checkBounds(spec.getCap(), path + ".cap", problems);
      Criterion criterion = createCriterion(model, accountTypes, spec, path, problems, warnings);
      if (criterion == null || !boundsValid || spec.getDimension().isEmpty()) {
        continue;
      }
      recordAttributes(criterion, spec, path, model, expected, problems);
      int dimension =
          dimensionIndex.computeIfAbsent(spec.getDimension(), d -> dimensionIndex.size());
      compiled.add(
          new CompiledCriterion(
              spec.getId(),
              spec.getType(),
              spec.getDimension(),
              dimension,
              criterion,
              spec.hasCap() && spec.getCap().hasMin()
                  ? spec.getCap().getMin()
                  : Double.NEGATIVE_INFINITY,
              spec.hasCap() && spec.getCap().hasMax()
                  ? spec.getCap().getMax()
                  : Double.POSITIVE_INFINITY,
              registry.failures()));
    }
    return compiled;
  }

  /**
   * The criterion {@code spec} describes, or null when it has problems, which are then recorded;
   * its warnings are recorded either way. Account criterion types come first in account models.
   */
  private @Nullable Criterion createCriterion(
      ScoringModel model,
      Map<String, CriterionFactory> accountTypes,
      CriterionSpec spec,
      String path,
      List<ConfigProblem> problems,
      List<ConfigProblem> warnings) {
    CriterionFactory factory = accountTypes.get(spec.getType());
    if (factory == null) {
      factory = registry.factory(spec.getType()).orElse(null);
    }
    if (factory == null) {
      List<String> types = new ArrayList<>(accountTypes.keySet());
      types.addAll(registry.factories().keySet());
      problems.add(
          new ConfigProblem(
              path + ".type",
              describe(spec.getType())
                  + " (expected one of: "
                  + String.join(", ", types)
                  + (model.hasAccount()
                      ? ""
                      : "; top_leads, engaged_contacts and role_coverage only in account models")
                  + ")"));
      return null;
    }
    CriterionConfig config =
        CriterionConfig.of(path + ".config", Values.toConfig(spec.getConfig()));
    Criterion criterion;
    try {
      criterion =
          factory.create(
              config, new CriterionContext(model.getName(), spec.getId(), spec.getDimension()));
    } catch (CriterionLimitException e) {
      problems.add(
          new ConfigProblem(
              path + ".config", "the " + spec.getType() + " plugin's factory " + e.getMessage()));
      return null;
    } catch (RuntimeException e) {
      // The plugin's message may hold anything (a host, a credential): the log gets it, the caller
      // gets the type and the path. Problems the factory reports through CriterionConfig are meant
      // for the caller and keep their text.
      LOG.log(
          Level.WARNING,
          "criterion type "
              + spec.getType()
              + " failed to create "
              + path
              + " of "
              + model.getName(),
          e);
      problems.add(
          new ConfigProblem(
              path + ".config",
              "the "
                  + spec.getType()
                  + " plugin failed to create the criterion (the server log has its error)"));
      return null;
    }
    warnings.addAll(config.warnings());
    if (!config.problems().isEmpty()) {
      problems.addAll(config.problems());
      return null;
    }
    // The SPI says non-null, but a plugin is compiled by its author, unchecked.
    if (criterion == null) {
      problems.add(
          new ConfigProblem(
              path + ".config",
              "the " + spec.getType() + " plugin failed: returned null (expected: a criterion)"));
      return null;
    }
    return criterion;
  }

  private static void recordAttributes(
      Criterion criterion,
      CriterionSpec spec,
      String path,
      ScoringModel model,
      Map<String, ExpectedAttribute> expected,
      List<ConfigProblem> problems) {
    for (Map.Entry<String, AttributeType> entry : criterion.attributeTypes().entrySet()) {
      ExpectedAttribute previous =
          expected.putIfAbsent(
              entry.getKey(), new ExpectedAttribute(entry.getValue(), spec.getId()));
      if (previous != null && previous.type() != entry.getValue()) {
        problems.add(
            new ConfigProblem(
                path,
                "reads attribute "
                    + entry.getKey()
                    + " as a "
                    + entry.getValue().displayName()
                    + " but criterion "
                    + previous.criterionId()
                    + " reads it as a "
                    + previous.type().displayName()
                    + " (expected: one type per attribute)"));
      }
    }
  }

  private static ScoringException invalid(ScoringModel model, List<ConfigProblem> problems) {
    return ScoringException.invalid(
        ScoringErrorCode.INVALID_MODEL,
        "model "
            + (model.getName().isEmpty() ? "(no name)" : Echoes.of(model.getName()))
            + " is invalid",
        problems.stream().map(p -> new FieldViolation(p.path(), p.message())).toList());
  }

  /**
   * An account has only the attributes its model lists and the computed ones: a plugin criterion of
   * an account model that reads another would never see it.
   */
  private static void checkAccountAttributes(
      ScoringModel model,
      AccountDefinition account,
      Map<String, ExpectedAttribute> expected,
      List<ConfigProblem> problems) {
    expected.forEach(
        (attribute, expectation) -> {
          if (account.attributes().contains(attribute)
              || AccountSpecs.reservedAttributes().contains(attribute)) {
            return;
          }
          int index = 0;
          while (index < model.getCriteriaCount()
              && !model.getCriteria(index).getId().equals(expectation.criterionId())) {
            index++;
          }
          problems.add(
              new ConfigProblem(
                  "criteria[" + index + "]",
                  "reads attribute "
                      + attribute
                      + ", which accounts do not have (expected: an attribute listed in"
                      + " account.attributes, or one of "
                      + String.join(
                          ", ", AccountSpecs.reservedAttributes().stream().sorted().toList())
                      + ")"));
        });
  }

  static boolean checkBounds(Bounds bounds, String path, List<ConfigProblem> problems) {
    if (bounds.hasMin() && bounds.hasMax() && !(bounds.getMin() <= bounds.getMax())) {
      problems.add(
          new ConfigProblem(
              path,
              "min " + bounds.getMin() + ", max " + bounds.getMax() + " (expected: min <= max)"));
      return false;
    }
    return true;
  }

  private static ImmutableList<FieldViolation> violations(List<ConfigProblem> problems) {
    return problems.stream()
        .map(p -> new FieldViolation(p.path(), p.message()))
        .collect(ImmutableList.toImmutableList());
  }

  static String describe(String value) {
    return Echoes.quoted(value);
  }
}
