package dev.leadscore.analysis;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.leadscore.proto.v1.CriterionSpec;
import dev.leadscore.proto.v1.Rule;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Columns of event counts, named {@code count(TYPE)} as {@code leadscore export} writes them, are
 * fitted like any numeric column, but a served lead has no such attribute: it has events. This
 * rewrites each fitted {@code attribute} criterion of such a column into {@code add_points} rules
 * on {@code count('TYPE')}, one per range ({@code count('webinar_attended') >= 1 &&
 * count('webinar_attended') < 3}), so the model scores a stored or streamed lead's events exactly
 * as the fit scored the exported counts. Ranges become integer bounds (a count is an integer),
 * which the engine compiles to plain comparisons.
 */
public final class EventCountRules {
  private static final String PREFIX = "count(";
  private static final int MAX_ID = 64;

  private EventCountRules() {}

  /** The event type of a column named {@code count(TYPE)}. */
  public static Optional<String> eventType(String column) {
    if (column.startsWith(PREFIX)
        && column.endsWith(")")
        && column.length() > PREFIX.length() + 1) {
      return Optional.of(column.substring(PREFIX.length(), column.length() - 1));
    }
    return Optional.empty();
  }

  /** The column {@code leadscore export} writes for an event type. */
  public static String column(String eventType) {
    return PREFIX + eventType + ")";
  }

  /** The model with every {@code count(TYPE)} criterion turned into rules; others unchanged. */
  public static ScoringModel apply(ScoringModel fitted) {
    ScoringModel.Builder model = fitted.toBuilder().clearCriteria();
    List<Rule> rules = new ArrayList<>();
    for (CriterionSpec criterion : fitted.getCriteriaList()) {
      Optional<String> type =
          criterion.getType().equals("attribute")
              ? eventType(
                  criterion
                      .getConfig()
                      .getFieldsOrDefault("attribute", Value.getDefaultInstance())
                      .getStringValue())
              : Optional.empty();
      if (type.isEmpty()) {
        model.addCriteria(criterion);
        continue;
      }
      List<Value> cases =
          criterion
              .getConfig()
              .getFieldsOrDefault("cases", Value.getDefaultInstance())
              .getListValue()
              .getValuesList();
      for (int i = 0; i < cases.size(); i++) {
        Struct range = cases.get(i).getStructValue();
        double points =
            range.getFieldsOrDefault("points", Value.getDefaultInstance()).getNumberValue();
        if (points == 0 || range.containsFields("missing") || range.containsFields("one_of")) {
          continue;
        }
        rules.add(
            Rule.newBuilder()
                .setId(id(criterion.getId(), i + 1))
                .setDescription("Fitted points for " + column(type.get()) + ".")
                .setWhen(condition(type.get(), range))
                .setAddPoints(points)
                .build());
      }
    }
    // Fitted points come before any rule the model had, as criteria come before rules.
    List<Rule> all = new ArrayList<>(rules);
    all.addAll(fitted.getRulesList());
    return model.clearRules().addAllRules(all).build();
  }

  private static String condition(String type, Struct range) {
    String count = "count('" + type.replace("\\", "\\\\").replace("'", "\\'") + "')";
    List<String> parts = new ArrayList<>(2);
    if (range.containsFields("min")) {
      parts.add(count + " >= " + (long) Math.ceil(range.getFieldsOrThrow("min").getNumberValue()));
    }
    if (range.containsFields("max")) {
      parts.add(count + " < " + (long) Math.ceil(range.getFieldsOrThrow("max").getNumberValue()));
    }
    return parts.isEmpty() ? count + " >= 0" : String.join(" && ", parts);
  }

  private static String id(String criterion, int n) {
    String suffix = "_" + n;
    return criterion.substring(0, Math.min(criterion.length(), MAX_ID - suffix.length())) + suffix;
  }
}
