package dev.leadscore.core.model;

import dev.leadscore.api.ConfigProblem;
import dev.leadscore.core.rule.RuleCondition;
import dev.leadscore.core.rule.RuleConditions;
import dev.leadscore.proto.v1.Rule;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks and compiles a model's rules. */
final class Rules {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private Rules() {}

  /**
   * @param grades the grades the model's matrix defines; empty when it has none, null when it is
   *     invalid (its problems are reported, and rules are not checked against it)
   */
  static List<CompiledRule> compile(
      ScoringModel model,
      RuleConditions conditions,
      @Nullable Set<String> grades,
      List<ConfigProblem> problems) {
    List<CompiledRule> compiled = new ArrayList<>(model.getRulesCount());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < model.getRulesCount(); i++) {
      Rule rule = model.getRules(i);
      String path = "rules[" + i + "]";
      int before = problems.size();
      if (!ID.matcher(rule.getId()).matches()) {
        problems.add(
            new ConfigProblem(
                path + ".id",
                ModelCompiler.describe(rule.getId())
                    + " (expected: 1 to 64 lowercase letters, digits, '_' or '-')"));
      } else if (!ids.add(rule.getId())) {
        problems.add(
            new ConfigProblem(
                path + ".id",
                ModelCompiler.describe(rule.getId()) + " is used twice (expected: unique ids)"));
      }
      Optional<RuleCondition> condition =
          grades == null
              ? conditions.compile(rule.getWhen(), path + ".when", problems)
              : conditions.compile(rule.getWhen(), path + ".when", grades, problems);
      CompiledRule.Kind kind = null;
      double points = 0;
      int band = -1;
      switch (rule.getActionCase()) {
        case ADD_POINTS -> {
          kind = CompiledRule.Kind.ADD_POINTS;
          points = rule.getAddPoints();
          if (!Double.isFinite(points)) {
            problems.add(new ConfigProblem(path + ".add_points", points + " (expected: a number)"));
          }
        }
        case FORCE_BAND -> {
          kind = CompiledRule.Kind.FORCE_BAND;
          band = band(model, rule.getForceBand(), path + ".force_band", problems);
        }
        case BLOCK_BAND -> {
          kind = CompiledRule.Kind.BLOCK_BAND;
          band = band(model, rule.getBlockBand(), path + ".block_band", problems);
          if (band == 0) {
            problems.add(
                new ConfigProblem(
                    path + ".block_band",
                    ModelCompiler.describe(rule.getBlockBand())
                        + " is the lowest band (expected: a band with one below it)"));
          }
        }
        case ACTION_NOT_SET ->
            problems.add(
                new ConfigProblem(
                    path, "no action (expected one of: add_points, force_band, block_band)"));
      }
      if (problems.size() == before && condition.isPresent() && kind != null) {
        compiled.add(new CompiledRule(rule.getId(), kind, condition.get(), points, band));
      }
    }
    return compiled;
  }

  private static int band(
      ScoringModel model, String name, String path, List<ConfigProblem> problems) {
    int index = Bands.indexOf(model, name);
    if (index < 0) {
      problems.add(
          new ConfigProblem(
              path,
              ModelCompiler.describe(name) + " (expected one of: " + Bands.names(model) + ")"));
    }
    return index;
  }
}
