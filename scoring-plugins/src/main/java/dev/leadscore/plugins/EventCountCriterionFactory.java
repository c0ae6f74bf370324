package dev.leadscore.plugins;

import dev.leadscore.api.ConfigField;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import java.util.ArrayList;
import java.util.List;

/** Creates {@code event_count} criteria: points per event of given types within a window. */
final class EventCountCriterionFactory implements CriterionFactory {

  @Override
  public String type() {
    return "event_count";
  }

  @Override
  public String description() {
    return "Points per event of the given types within a window, optionally decayed and capped.";
  }

  @Override
  public List<ConfigField> configFields() {
    return List.of(
        new ConfigField("event_types", "list<string>", true, "The event types to count."),
        new ConfigField("points_per_event", "number", true, "Points per event; not 0."),
        new ConfigField("window_days", "number", false, "Count events this recent; all time."),
        new ConfigField("max_count", "integer", false, "Count at most this many events; no cap."),
        new ConfigField("max_points", "number", false, "Cap positive points; no cap."),
        new ConfigField("min_points", "number", false, "Floor for negative points; no floor."),
        new ConfigField(
            "half_life_days", "number", false, "Halve an event's weight per this age; no decay."),
        new ConfigField(
            "where", "object<string>", false, "String properties an event must equal; none."));
  }

  @Override
  public Criterion create(CriterionConfig config, CriterionContext context) {
    config.allowOnly(
        "event_types",
        "points_per_event",
        "window_days",
        "max_count",
        "max_points",
        "min_points",
        "half_life_days",
        "where");
    List<String> types = config.stringList("event_types");
    double pointsPerEvent = config.number("points_per_event");
    if (pointsPerEvent == 0 && config.raw("points_per_event") instanceof Double) {
      config.problem("points_per_event", "0 (expected: a non-zero number)");
    }
    double windowDays = CriterionConfigs.optionalPositive(config, "window_days", Double.NaN);
    double halfLifeDays = CriterionConfigs.optionalPositive(config, "half_life_days", Double.NaN);
    int maxCount = parseMaxCount(config);
    double maxPoints = CriterionConfigs.optionalPositive(config, "max_points", Double.MAX_VALUE);
    if (config.has("max_points") && pointsPerEvent < 0) {
      config.problem(
          "max_points",
          CriterionConfigs.describe(config.raw("max_points"))
              + " (expected: min_points, as points_per_event is negative)");
    }
    double minPoints = parseMinPoints(config, pointsPerEvent);
    List<String> propertyNames = new ArrayList<>();
    List<String> propertyValues = new ArrayList<>();
    config
        .object("where")
        .ifPresent(
            where -> {
              for (String name : where.keys()) {
                propertyNames.add(name);
                propertyValues.add(where.string(name));
              }
            });
    boolean windowed = !Double.isNaN(windowDays);
    EventFilter filter =
        new EventFilter(
            types,
            windowed ? CriterionConfigs.daysToMillis(windowDays) : EventFilter.ALL_TIME,
            propertyNames,
            propertyValues);
    boolean decayed = !Double.isNaN(halfLifeDays);
    return new EventCountCriterion(
        new EventCountCriterion.Settings(
            filter,
            pointsPerEvent,
            maxCount,
            minPoints,
            maxPoints,
            decayed ? Math.log(2) / (halfLifeDays * CriterionConfigs.DAY_MILLIS) : 0,
            windowed ? " in " + days(windowDays) : " so far",
            decayed ? ", decayed (half-life " + Reasons.number(halfLifeDays) + " d)" : ""));
  }

  private static int parseMaxCount(CriterionConfig config) {
    if (!config.has("max_count")) {
      return Integer.MAX_VALUE;
    }
    double value = config.number("max_count");
    if (value >= 1 && value == Math.rint(value)) {
      return value >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) value;
    }
    if (config.raw("max_count") instanceof Double) {
      config.problem("max_count", Reasons.number(value) + " (expected: an integer >= 1)");
    }
    return Integer.MAX_VALUE;
  }

  private static double parseMinPoints(CriterionConfig config, double pointsPerEvent) {
    if (!config.has("min_points")) {
      return -Double.MAX_VALUE;
    }
    double value = config.number("min_points");
    if (!(config.raw("min_points") instanceof Double)) {
      return -Double.MAX_VALUE;
    }
    if (pointsPerEvent > 0) {
      config.problem(
          "min_points",
          Reasons.number(value) + " (expected: max_points, as points_per_event is positive)");
    } else if (value >= 0) {
      config.problem("min_points", Reasons.number(value) + " (expected: < 0)");
    }
    return value;
  }

  private static String days(double days) {
    return Reasons.number(days) + (days == 1 ? " day" : " days");
  }
}
