package dev.leadscore.core.lead;

import dev.leadscore.api.EventIndices;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One lead's events grouped by type, built in one pass over their types. Immutable once built; its
 * final field publishes the map safely to a plugin thread that still reads the view.
 */
final class EventTypeIndex {
  // While building, each value is an int[] holding its size, then the indices; then each becomes
  // the EventIndices of those indices. One map, filled once and rewritten in place.
  private final Map<String, Object> byType;

  private EventTypeIndex(Map<String, Object> byType) {
    this.byType = byType;
  }

  /** Indexes events whose types, in the order sent, are {@code eventTypes}. */
  static EventTypeIndex of(String[] eventTypes) {
    Map<String, Object> byType = new HashMap<>();
    for (int i = 0; i < eventTypes.length; i++) {
      int[] list = (int[]) byType.get(eventTypes[i]);
      if (list == null) {
        list = new int[4];
        byType.put(eventTypes[i], list);
      } else if (list[0] + 1 == list.length) {
        list = Arrays.copyOf(list, list.length * 2);
        byType.put(eventTypes[i], list);
      }
      list[++list[0]] = i;
    }
    byType.replaceAll(EventTypeIndex::freeze);
    return new EventTypeIndex(byType);
  }

  private static EventIndices freeze(String type, Object value) {
    int[] list = (int[]) value;
    return EventIndices.of(list, 1, list[0] + 1);
  }

  /** The indices of the events of {@code type}, ascending. */
  EventIndices get(String type) {
    Object indices = byType.get(type);
    return indices == null ? EventIndices.none() : (EventIndices) indices;
  }
}
