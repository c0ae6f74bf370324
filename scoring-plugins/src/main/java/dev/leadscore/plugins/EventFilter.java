package dev.leadscore.plugins;

import dev.leadscore.api.LeadView;
import java.util.List;

/**
 * Which events a criterion counts: one of the given types, not after the lead's clock, within the
 * window before it, and with the given string properties. Immutable.
 *
 * @param types the event types, any of which counts
 * @param windowMillis how far back from the clock events count, inclusive; {@link #ALL_TIME} for no
 *     limit
 * @param propertyNames names of properties that must equal the value at the same index of {@code
 *     propertyValues}
 */
record EventFilter(
    List<String> types,
    long windowMillis,
    List<String> propertyNames,
    List<String> propertyValues) {

  /** The window of a filter without one. */
  static final long ALL_TIME = Long.MAX_VALUE;

  EventFilter {
    types = List.copyOf(types);
    propertyNames = List.copyOf(propertyNames);
    propertyValues = List.copyOf(propertyValues);
    if (propertyNames.size() != propertyValues.size()) {
      throw new IllegalArgumentException(
          "propertyValues: " + propertyValues.size() + " (expected: " + propertyNames.size() + ")");
    }
  }

  /** Events of the given types at or before the clock, whenever they happened. */
  static EventFilter ofTypes(List<String> types) {
    return new EventFilter(types, ALL_TIME, List.of(), List.of());
  }

  /** The earliest time that counts for a lead whose clock is {@code asOfMillis}. */
  long fromMillis(long asOfMillis) {
    return windowMillis == ALL_TIME ? Long.MIN_VALUE : asOfMillis - windowMillis;
  }

  /** Whether event {@code index} counts, given {@link #fromMillis} and the clock. */
  boolean matches(LeadView lead, int index, long fromMillis, long asOfMillis) {
    long time = lead.eventTimeMillis(index);
    if (time > asOfMillis || time < fromMillis || !types.contains(lead.eventType(index))) {
      return false;
    }
    for (int i = 0; i < propertyNames.size(); i++) {
      if (!propertyValues.get(i).equals(lead.eventStringProperty(index, propertyNames.get(i)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The events for people: {@code email_open, email_click where asset = "guide"}, without the
   * window.
   */
  String describe() {
    StringBuilder text = new StringBuilder(Reasons.list(types));
    for (int i = 0; i < propertyNames.size(); i++) {
      text.append(i == 0 ? " where " : " and ")
          .append(propertyNames.get(i))
          .append(" = \"")
          .append(propertyValues.get(i))
          .append('"');
    }
    return text.toString();
  }
}
