package dev.leadscore.plugins;

import dev.leadscore.api.ConfigField;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import java.util.ArrayList;
import java.util.List;

/** Creates {@code recency} criteria: points by the days since the latest event of given types. */
final class RecencyCriterionFactory implements CriterionFactory {

  @Override
  public String type() {
    return "recency";
  }

  @Override
  public String description() {
    return "Points by the whole days since the latest event of the given types.";
  }

  @Override
  public List<ConfigField> configFields() {
    return List.of(
        new ConfigField("event_types", "list<string>", true, "The event types to look at."),
        new ConfigField("cases", "list<object>", true, "The cases; the first that holds wins."),
        new ConfigField("cases[].within_days", "number", false, "Holds when age <= this."),
        new ConfigField("cases[].older_than_days", "number", false, "Holds when age > this."),
        new ConfigField("cases[].points", "number", true, "Points when the case holds."),
        new ConfigField("never_points", "number", false, "Points when there is no such event; 0."));
  }

  @Override
  public Criterion create(CriterionConfig config, CriterionContext context) {
    config.allowOnly("event_types", "cases", "never_points");
    List<String> types = config.stringList("event_types");
    double neverPoints = config.number("never_points", 0);
    List<RecencyCriterion.Case> cases = new ArrayList<>();
    for (CriterionConfig caseConfig : config.objectList("cases")) {
      caseConfig.allowOnly("within_days", "older_than_days", "points");
      double points = caseConfig.number("points");
      boolean within = caseConfig.keys().contains("within_days");
      boolean olderThan = caseConfig.keys().contains("older_than_days");
      if (within == olderThan) {
        caseConfig.problem(
            (within ? "both within_days and older_than_days" : "no condition")
                + " (expected: exactly one of within_days, older_than_days)");
        continue;
      }
      double days =
          CriterionConfigs.nonNegative(caseConfig, within ? "within_days" : "older_than_days");
      cases.add(new RecencyCriterion.Case(within, days, points));
    }
    return new RecencyCriterion(EventFilter.ofTypes(types), cases, neverPoints);
  }
}
