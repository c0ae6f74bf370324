package dev.leadscore.plugins;

import dev.leadscore.api.EventIndices;
import dev.leadscore.api.LeadView;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which events a criterion counts: one of the given types, not after the lead's clock, within the
 * window before it, and with the given string properties. Immutable.
 *
 * @param types the event types, any of which counts; each once, in the order first given
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
    types = List.copyOf(new LinkedHashSet<>(types));
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

  /** How many events count: only events of the filter's types are read. */
  int count(LeadView lead, long fromMillis, long asOfMillis) {
    int count = 0;
    for (int t = 0; t < types.size(); t++) {
      EventIndices ofType = lead.eventsOfType(types.get(t));
      for (int k = 0; k < ofType.size(); k++) {
        if (matchesOfType(lead, ofType.get(k), fromMillis, asOfMillis)) {
          count++;
        }
      }
    }
    return count;
  }

  /** The index of the latest event that counts, the first sent among equally late; -1 if none. */
  int latest(LeadView lead, long fromMillis, long asOfMillis) {
    int latest = -1;
    long latestTime = Long.MIN_VALUE;
    for (int t = 0; t < types.size(); t++) {
      EventIndices ofType = lead.eventsOfType(types.get(t));
      for (int k = 0; k < ofType.size(); k++) {
        int index = ofType.get(k);
        if (matchesOfType(lead, index, fromMillis, asOfMillis)) {
          long time = lead.eventTimeMillis(index);
          if (latest == -1 || time > latestTime || (time == latestTime && index < latest)) {
            latest = index;
            latestTime = time;
          }
        }
      }
    }
    return latest;
  }

  /** The indices of the {@code count} events that count, ascending (in the order sent). */
  int[] matching(LeadView lead, long fromMillis, long asOfMillis, int count) {
    int[] matching = new int[count];
    int next = 0;
    for (int t = 0; t < types.size(); t++) {
      EventIndices ofType = lead.eventsOfType(types.get(t));
      for (int k = 0; k < ofType.size(); k++) {
        if (matchesOfType(lead, ofType.get(k), fromMillis, asOfMillis)) {
          matching[next++] = ofType.get(k);
        }
      }
    }
    if (types.size() > 1) {
      Arrays.sort(matching);
    }
    return matching;
  }

  /** Whether event {@code index}, of one of the filter's types, is in the window and matches. */
  private boolean matchesOfType(LeadView lead, int index, long fromMillis, long asOfMillis) {
    long time = lead.eventTimeMillis(index);
    if (time > asOfMillis || time < fromMillis) {
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
