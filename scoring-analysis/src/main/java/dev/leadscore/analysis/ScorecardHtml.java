package dev.leadscore.analysis;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.leadscore.proto.v1.Band;
import dev.leadscore.proto.v1.CriterionSpec;
import dev.leadscore.proto.v1.Rule;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The scorecard of a model as HTML: for each criterion, the points per attribute value or range
 * ({@code attribute}), per event ({@code event_count}) or by the age of the latest event ({@code
 * recency}), read from its config; other criterion types show their config as it is. Then the rules
 * and the bands. Long value lists fold into a {@code <details>} element.
 */
final class ScorecardHtml {
  private static final int VALUES_SHOWN = 8;

  private ScorecardHtml() {}

  /** One line of a criterion's card: an HTML-escaped label and its points. */
  private record Row(String label, double points) {}

  /** The scorecard as a grid of one card per criterion, then rules and bands. */
  static String of(ScoringModel model) {
    StringBuilder html = new StringBuilder(8192).append("<div class=\"scorecard\">");
    for (CriterionSpec criterion : model.getCriteriaList()) {
      criterion(html, criterion);
    }
    html.append("</div>");
    if (model.getRulesCount() > 0) {
      html.append("<p><b>Rules</b>, applied after the points in this order:</p><ul>");
      for (Rule rule : model.getRulesList()) {
        html.append("<li><code>").append(Html.escape(rule.getId())).append("</code>: ");
        html.append(
            rule.getWhen().isEmpty()
                ? "always"
                : "when <code>" + Html.escape(rule.getWhen()) + "</code>");
        html.append(", ").append(Html.escape(action(rule))).append("</li>");
      }
      html.append("</ul>");
    }
    html.append("<p><b>Bands</b>: ");
    List<Band> bands = model.getBandsList();
    for (int b = 0; b < bands.size(); b++) {
      html.append(b == 0 ? "" : ", ")
          .append("<b>")
          .append(Html.escape(bands.get(b).getName()))
          .append("</b> from ")
          .append(Numbers.format(bands.get(b).getMinScore()));
    }
    return html.append(".</p>").toString();
  }

  private static String action(Rule rule) {
    return switch (rule.getActionCase()) {
      case ADD_POINTS -> "add " + signed(rule.getAddPoints()) + " points";
      case FORCE_BAND -> "the lead is " + rule.getForceBand();
      case BLOCK_BAND -> "the lead stays below " + rule.getBlockBand();
      case ACTION_NOT_SET -> "nothing";
    };
  }

  private static void criterion(StringBuilder html, CriterionSpec criterion) {
    Map<String, Value> config = criterion.getConfig().getFieldsMap();
    List<Row> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String title = criterion.getId();
    switch (criterion.getType()) {
      case "attribute" -> title = attribute(config, rows, notes);
      case "event_count" -> eventCount(config, rows, notes);
      case "recency" -> recency(config, rows, notes);
      default -> notes.add("config: <code>" + Html.escape(json(criterion.getConfig())) + "</code>");
    }
    if (criterion.hasCap()) {
      notes.add(
          "points capped"
              + (criterion.getCap().hasMin()
                  ? " below at " + signed(criterion.getCap().getMin())
                  : "")
              + (criterion.getCap().hasMax()
                  ? " above at " + signed(criterion.getCap().getMax())
                  : ""));
    }
    html.append("<div class=\"criterion\"><h3>")
        .append(Html.escape(title))
        .append("</h3><p class=\"note\">")
        .append(span(criterion.getType(), rows))
        .append(Html.escape(criterion.getType()))
        .append(" · ")
        .append(Html.escape(criterion.getDimension()))
        .append(criterion.getId().equals(title) ? "" : " · id " + Html.escape(criterion.getId()))
        .append("</p><table class=\"points\">");
    for (Row row : rows) {
      html.append("<tr><td>")
          .append(row.label())
          .append("</td><td>")
          .append(signed(row.points()))
          .append("</td></tr>");
    }
    html.append("</table>");
    for (String note : notes) {
      html.append("<p class=\"note\">").append(note).append("</p>");
    }
    html.append("</div>");
  }

  /**
   * "−5 to +20 points · " for criteria whose rows give every possible value (attribute, recency),
   * nothing for the rest.
   */
  private static String span(String type, List<Row> rows) {
    if (!type.equals("attribute") && !type.equals("recency") || rows.isEmpty()) {
      return "";
    }
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (Row row : rows) {
      low = Math.min(low, row.points());
      high = Math.max(high, row.points());
    }
    return "<b>" + plain(low) + " to " + plain(high) + "</b> points · ";
  }

  /** Rows of (escaped label, points) per case; returns the attribute's name as the title. */
  private static String attribute(Map<String, Value> config, List<Row> rows, List<String> notes) {
    String attribute = string(config.get("attribute"));
    for (Value value : list(config.get("cases"))) {
      Map<String, Value> c = value.getStructValue().getFieldsMap();
      rows.add(new Row(caseLabel(c), number(c.get("points"))));
    }
    double fallback =
        config.containsKey("default_points") ? number(config.get("default_points")) : 0;
    rows.add(new Row("<i>anything else</i>", fallback));
    if ("sum".equals(string(config.get("match")))) {
      notes.add("every matching case adds its points");
    }
    return attribute;
  }

  private static String caseLabel(Map<String, Value> c) {
    if (c.containsKey("equals")) {
      return Html.escape(scalar(c.get("equals")));
    }
    if (c.containsKey("one_of")) {
      return values(list(c.get("one_of")), "");
    }
    if (c.containsKey("contains")) {
      return values(list(c.get("contains")), "contains ");
    }
    if (c.containsKey("missing")) {
      return "<i>missing</i>";
    }
    if (c.containsKey("present")) {
      return "<i>any value</i>";
    }
    boolean min = c.containsKey("min");
    boolean max = c.containsKey("max");
    String low = min ? Numbers.format(number(c.get("min"))) : "";
    String high = max ? Numbers.format(number(c.get("max"))) : "";
    return min && max ? low + " to &lt; " + high : min ? "≥ " + low : "&lt; " + high;
  }

  /** Values joined by commas; past {@link #VALUES_SHOWN}, the rest fold away. */
  private static String values(List<Value> values, String prefix) {
    List<String> shown = new ArrayList<>();
    for (Value value : values) {
      shown.add(Html.escape(scalar(value)));
    }
    if (shown.size() <= VALUES_SHOWN) {
      return prefix + String.join(", ", shown);
    }
    return "<details><summary>"
        + prefix
        + String.join(", ", shown.subList(0, VALUES_SHOWN))
        + " and "
        + (shown.size() - VALUES_SHOWN)
        + " more</summary>"
        + String.join(", ", shown.subList(VALUES_SHOWN, shown.size()))
        + "</details>";
  }

  private static void eventCount(Map<String, Value> config, List<Row> rows, List<String> notes) {
    StringBuilder label = new StringBuilder("each ").append(types(config)).append(" event");
    if (config.containsKey("where")) {
      List<String> filters = new ArrayList<>();
      config
          .get("where")
          .getStructValue()
          .getFieldsMap()
          .forEach(
              (key, value) -> filters.add(Html.escape(key) + " = " + Html.escape(scalar(value))));
      label.append(" where ").append(String.join(" and ", filters));
    }
    if (config.containsKey("window_days")) {
      label
          .append(" in the last ")
          .append(Numbers.format(number(config.get("window_days"))))
          .append(" days");
    }
    rows.add(new Row(label.toString(), number(config.get("points_per_event"))));
    if (config.containsKey("max_count")) {
      notes.add("counts at most " + Numbers.format(number(config.get("max_count"))) + " events");
    }
    if (config.containsKey("half_life_days")) {
      notes.add(
          "an event's points halve every "
              + Numbers.format(number(config.get("half_life_days")))
              + " days of age");
    }
    if (config.containsKey("max_points")) {
      notes.add("at most " + signed(number(config.get("max_points"))) + " points");
    }
    if (config.containsKey("min_points")) {
      notes.add("at least " + signed(number(config.get("min_points"))) + " points");
    }
  }

  private static void recency(Map<String, Value> config, List<Row> rows, List<String> notes) {
    String types = types(config);
    for (Value value : list(config.get("cases"))) {
      Map<String, Value> c = value.getStructValue().getFieldsMap();
      String label =
          c.containsKey("within_days")
              ? "last "
                  + types
                  + " within "
                  + Numbers.format(number(c.get("within_days")))
                  + " days"
              : "last "
                  + types
                  + " more than "
                  + Numbers.format(number(c.get("older_than_days")))
                  + " days ago";
      rows.add(new Row(label, number(c.get("points"))));
    }
    rows.add(new Row("<i>any other age</i>", 0));
    double never = config.containsKey("never_points") ? number(config.get("never_points")) : 0;
    rows.add(new Row("<i>no " + types + " yet</i>", never));
    notes.add("the first case that holds gives the points; ages in whole days");
  }

  private static String types(Map<String, Value> config) {
    List<String> types = new ArrayList<>();
    for (Value value : list(config.get("event_types"))) {
      types.add(Html.escape(scalar(value)));
    }
    return String.join(" or ", types);
  }

  private static List<Value> list(@Nullable Value value) {
    return value == null ? List.of() : value.getListValue().getValuesList();
  }

  private static String string(@Nullable Value value) {
    return value == null ? "" : value.getStringValue();
  }

  private static double number(@Nullable Value value) {
    return value == null ? 0 : value.getNumberValue();
  }

  private static String scalar(Value value) {
    return switch (value.getKindCase()) {
      case STRING_VALUE -> value.getStringValue();
      case NUMBER_VALUE -> Numbers.format(value.getNumberValue());
      case BOOL_VALUE -> String.valueOf(value.getBoolValue());
      case NULL_VALUE, KIND_NOT_SET -> "null";
      case STRUCT_VALUE, LIST_VALUE -> json(value);
    };
  }

  private static String json(com.google.protobuf.MessageOrBuilder message) {
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(message);
    } catch (InvalidProtocolBufferException e) {
      return message.toString();
    }
  }

  /** Points with a minus sign when negative: {@code 12}, {@code −5}. */
  private static String plain(double points) {
    return (points < 0 ? "−" : "") + Numbers.format(Math.abs(points));
  }

  /** Points with a sign: {@code +12}, {@code −5}, {@code +0}, {@code +2.5}. */
  static String signed(double points) {
    return (points < 0 ? "−" : "+") + Numbers.format(Math.abs(points));
  }
}
