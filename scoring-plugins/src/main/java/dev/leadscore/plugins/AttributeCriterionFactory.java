package dev.leadscore.plugins;

import dev.leadscore.api.AttributeType;
import dev.leadscore.api.ConfigField;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Creates {@code attribute} criteria: points from the value of one lead attribute. */
final class AttributeCriterionFactory implements CriterionFactory {

  private static final List<String> MATCHERS =
      List.of("equals", "one_of", "contains", "words", "min", "max", "present", "missing");
  private static final String[] CASE_FIELDS = caseFields();
  private static final String EXPECTED_MATCHERS =
      "exactly one of equals, one_of, contains, words, min/max, present, missing";

  @Override
  public String type() {
    return "attribute";
  }

  @Override
  public String description() {
    return "Points from one lead attribute: the first matching case, or all matching cases summed.";
  }

  @Override
  public List<ConfigField> configFields() {
    return List.of(
        new ConfigField("attribute", "string", true, "The lead attribute to read."),
        new ConfigField(
            "match",
            "string",
            false,
            "\"first\" (default): the first matching case; \"sum\": all."),
        new ConfigField("default_points", "number", false, "Points when no case matches; 0."),
        new ConfigField("cases", "list<object>", true, "The cases, tried in order."),
        new ConfigField("cases[].points", "number", true, "Points when the case matches."),
        new ConfigField(
            "cases[].equals", "string|number|boolean", false, "Equal to (strings: ignoring case)."),
        new ConfigField("cases[].one_of", "list<string>", false, "Equal to one, ignoring case."),
        new ConfigField("cases[].contains", "list<string>", false, "Contains one, ignoring case."),
        new ConfigField(
            "cases[].words",
            "list<string>",
            false,
            "Has one as a whole word or phrase, ignoring case, accents and punctuation."),
        new ConfigField("cases[].min", "number", false, "At least this (inclusive)."),
        new ConfigField("cases[].max", "number", false, "Less than this (exclusive)."),
        new ConfigField("cases[].present", "boolean", false, "true: the attribute is not null."),
        new ConfigField("cases[].missing", "boolean", false, "true: absent or null."));
  }

  @Override
  public Criterion create(CriterionConfig config, CriterionContext context) {
    config.allowOnly("attribute", "match", "default_points", "cases");
    String attribute = config.string("attribute");
    boolean sum = parseSum(config);
    double defaultPoints = config.number("default_points", 0);
    List<AttributeCriterion.Case> cases = new ArrayList<>();
    WordIndex.Builder words = new WordIndex.Builder();
    AttributeType expectedType = null;
    String expectedBy = "";
    for (CriterionConfig caseConfig : config.objectList("cases")) {
      caseConfig.allowOnly(CASE_FIELDS);
      double points = caseConfig.number("points");
      AttributeMatcher matcher = parseMatcher(caseConfig, words);
      if (matcher == null) {
        continue;
      }
      AttributeType type = matcher.expectedType();
      String name = relativePath(config, caseConfig);
      if (type == null) {
        // A presence test: any attribute type will do.
      } else if (expectedType == null) {
        expectedType = type;
        expectedBy = name;
      } else if (type != expectedType) {
        caseConfig.problem(
            "compares a "
                + type.displayName()
                + ", but "
                + expectedBy
                + " compares a "
                + expectedType.displayName()
                + " (expected: one attribute type in all cases)");
      }
      cases.add(AttributeCriterion.Case.of(attribute, matcher, points));
    }
    return new AttributeCriterion(
        attribute, sum, defaultPoints, cases, expectedType, words.build());
  }

  private static boolean parseSum(CriterionConfig config) {
    String match = config.optionalString("match");
    if (match == null || match.equals("first")) {
      return false;
    }
    if (!match.equals("sum")) {
      config.problem(
          "match", CriterionConfigs.describe(match) + " (expected: \"first\" or \"sum\")");
    }
    return match.equals("sum");
  }

  private static @Nullable AttributeMatcher parseMatcher(
      CriterionConfig config, WordIndex.Builder words) {
    List<String> used = MATCHERS.stream().filter(config.keys()::contains).toList();
    int kinds = used.size() - (used.contains("min") && used.contains("max") ? 1 : 0);
    if (kinds != 1) {
      String found = kinds == 0 ? "no matcher" : kinds + " matchers: " + String.join(", ", used);
      config.problem(found + " (expected: " + EXPECTED_MATCHERS + ")");
      return null;
    }
    return switch (used.get(0)) {
      case "equals" -> parseEquals(config);
      case "one_of" -> new AttributeMatcher.OneOf(lower(config.stringList("one_of")));
      case "contains" -> parseContains(config);
      case "words" -> parseWords(config, words);
      case "present" -> parsePresence(config, "present");
      case "missing" -> parsePresence(config, "missing");
      default -> parseRange(config);
    };
  }

  private static @Nullable AttributeMatcher parseEquals(CriterionConfig config) {
    Object value = config.raw("equals");
    if (value instanceof String s && !s.isEmpty()) {
      return new AttributeMatcher.EqualsText(Reasons.lower(s));
    }
    if (value instanceof Double d && Double.isFinite(d)) {
      return new AttributeMatcher.EqualsNumber(d);
    }
    if (value instanceof Boolean b) {
      return new AttributeMatcher.EqualsBoolean(b);
    }
    config.problem(
        "equals",
        CriterionConfigs.describe(value)
            + " (expected: a non-empty string, a number or a boolean)");
    return null;
  }

  private static AttributeMatcher parseContains(CriterionConfig config) {
    List<String> needles = lower(config.stringList("contains"));
    List<Integer> positions = positions(config, "contains");
    for (int i = 0; i < needles.size(); i++) {
      ShortNeedles.warnIfShort(config, "contains[" + positions.get(i) + "]", needles.get(i));
    }
    return new AttributeMatcher.Contains(needles);
  }

  private static @Nullable AttributeMatcher parseWords(
      CriterionConfig config, WordIndex.Builder words) {
    List<String> needles = config.stringList("words");
    List<Integer> positions = positions(config, "words");
    int[][] phrases = new int[needles.size()][];
    boolean valid = !needles.isEmpty();
    for (int i = 0; i < needles.size(); i++) {
      phrases[i] = words.phrase(needles.get(i));
      if (phrases[i].length == 0) {
        config.problem(
            "words[" + positions.get(i) + "]",
            CriterionConfigs.describe(needles.get(i))
                + " (expected: a word or phrase with at least one letter or digit)");
        valid = false;
      }
    }
    return valid
        ? new AttributeMatcher.Words(lower(needles), new WordNeedles(phrases, words.size()))
        : null;
  }

  /**
   * Where each string {@link CriterionConfig#stringList} returns stands in the configured list: it
   * leaves out the bad elements it reports.
   */
  private static List<Integer> positions(CriterionConfig config, String key) {
    List<Integer> positions = new ArrayList<>();
    if (config.raw(key) instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) instanceof String s && !s.isEmpty()) {
          positions.add(i);
        }
      }
    }
    return positions;
  }

  private static @Nullable AttributeMatcher parseRange(CriterionConfig config) {
    boolean hasMin = config.keys().contains("min");
    boolean hasMax = config.keys().contains("max");
    double min = hasMin ? config.number("min") : Double.NEGATIVE_INFINITY;
    double max = hasMax ? config.number("max") : Double.POSITIVE_INFINITY;
    boolean bothNumbers =
        config.raw("min") instanceof Double && config.raw("max") instanceof Double;
    if (bothNumbers && !(min < max)) {
      config.problem(
          "max",
          Reasons.number(max) + " (expected: greater than min, " + Reasons.number(min) + ")");
      return null;
    }
    return new AttributeMatcher.Range(min, max);
  }

  private static @Nullable AttributeMatcher parsePresence(CriterionConfig config, String key) {
    Object value = config.raw(key);
    if (Boolean.TRUE.equals(value)) {
      return new AttributeMatcher.Presence(key.equals("present"));
    }
    config.problem(key, CriterionConfigs.describe(value) + " (expected: true)");
    return null;
  }

  private static List<String> lower(List<String> needles) {
    return needles.stream().map(Reasons::lower).toList();
  }

  private static String[] caseFields() {
    List<String> fields = new ArrayList<>(MATCHERS);
    fields.add("points");
    return fields.toArray(String[]::new);
  }

  /** {@code cases[1]} for a case at {@code criteria[0].config.cases[1]}. */
  private static String relativePath(CriterionConfig parent, CriterionConfig child) {
    return parent.path().isEmpty()
        ? child.path()
        : child.path().substring(parent.path().length() + 1);
  }
}
