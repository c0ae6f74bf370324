package dev.leadscore.plugins;

import dev.leadscore.api.AttributeType;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code attribute} criterion: points from the first matching case, or from every matching case
 * added up. Immutable; the results of single cases are built once, so scoring in {@code first} mode
 * allocates nothing but, when a case matches words, the array of the value's word numbers.
 */
final class AttributeCriterion implements Criterion {

  /** One case: its matcher, its points and its ready-made result for each matcher alternative. */
  record Case(AttributeMatcher matcher, double points, List<CriterionResult> results) {
    Case {
      results = List.copyOf(results);
    }

    static Case of(String attribute, AttributeMatcher matcher, double points) {
      List<CriterionResult> results = new ArrayList<>(matcher.alternatives());
      for (int i = 0; i < matcher.alternatives(); i++) {
        String reason = attribute + " " + matcher.describe(i) + " (" + Reasons.points(points) + ")";
        results.add(new CriterionResult(points, reason));
      }
      return new Case(matcher, points, results);
    }
  }

  private final String attribute;
  private final boolean sum;
  private final List<Case> cases;
  private final CriterionResult noMatch;
  private final Map<String, AttributeType> attributeTypes;
  private final @Nullable WordIndex words;
  private final @Nullable OneOfIndex oneOf;

  /**
   * @param words the words of the {@code words} cases, {@code null} when there are none
   */
  AttributeCriterion(
      String attribute,
      boolean sum,
      double defaultPoints,
      List<Case> cases,
      @Nullable AttributeType expectedType,
      @Nullable WordIndex words) {
    this.attribute = attribute;
    this.sum = sum;
    this.cases = List.copyOf(cases);
    this.words = words;
    this.oneOf = OneOfIndex.of(this.cases.stream().map(Case::matcher).toList());
    String reason = attribute + ": no case matched";
    this.noMatch =
        new CriterionResult(
            defaultPoints,
            defaultPoints == 0
                ? reason
                : reason + " (" + Reasons.points(defaultPoints) + " default)");
    this.attributeTypes = expectedType == null ? Map.of() : Map.of(attribute, expectedType);
  }

  @Override
  public CriterionResult evaluate(LeadView lead) {
    AttributeType type = lead.attributeType(attribute);
    String text = type == AttributeType.STRING ? lead.stringAttribute(attribute) : null;
    double number = type == AttributeType.NUMBER ? lead.numberAttribute(attribute) : Double.NaN;
    Boolean bool = type == AttributeType.BOOLEAN ? lead.booleanAttribute(attribute) : null;
    int[] valueWords = words(text);
    long oneOfCases = oneOfCases(text);
    double points = 0;
    StringBuilder reasons = null;
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      int alternative = match(i, c, type, text, number, bool, valueWords, oneOfCases);
      if (alternative == AttributeMatcher.NO_MATCH) {
        continue;
      }
      CriterionResult result = c.results().get(alternative);
      if (!sum) {
        return result;
      }
      points += result.points();
      reasons = reasons == null ? new StringBuilder() : reasons.append("; ");
      reasons.append(result.reason());
    }
    return reasons == null ? noMatch : new CriterionResult(points, reasons.toString());
  }

  @Override
  public double points(LeadView lead) {
    AttributeType type = lead.attributeType(attribute);
    String text = type == AttributeType.STRING ? lead.stringAttribute(attribute) : null;
    double number = type == AttributeType.NUMBER ? lead.numberAttribute(attribute) : Double.NaN;
    Boolean bool = type == AttributeType.BOOLEAN ? lead.booleanAttribute(attribute) : null;
    int[] valueWords = words(text);
    long oneOfCases = oneOfCases(text);
    double points = 0;
    boolean matched = false;
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      if (match(i, c, type, text, number, bool, valueWords, oneOfCases)
          != AttributeMatcher.NO_MATCH) {
        if (!sum) {
          return c.points();
        }
        points += c.points();
        matched = true;
      }
    }
    return matched ? points : noMatch.points();
  }

  /** The {@code one_of} cases the value matches, looked up once for all of them. */
  private long oneOfCases(@Nullable String text) {
    return oneOf == null || text == null ? OneOfIndex.UNKNOWN : oneOf.match(text);
  }

  private int match(
      int i,
      Case c,
      AttributeType type,
      @Nullable String text,
      double number,
      @Nullable Boolean bool,
      int[] valueWords,
      long oneOfCases) {
    if (oneOfCases != OneOfIndex.UNKNOWN && oneOf != null && oneOf.indexed(i)) {
      return (oneOfCases & (1L << i)) != 0 ? 0 : AttributeMatcher.NO_MATCH;
    }
    return c.matcher().match(type, text, number, bool, valueWords);
  }

  /** The value's words, numbered once for every {@code words} case. */
  private int[] words(@Nullable String text) {
    return words == null || text == null ? WordIndex.NO_WORDS : words.tokenize(text);
  }

  @Override
  public Map<String, AttributeType> attributeTypes() {
    return attributeTypes;
  }
}
