package dev.leadscore.core.lead;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.leadscore.api.AttributeType;
import dev.leadscore.api.EventIndices;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a wire {@link Lead} in place: no copy of attributes or events is made for criteria. Event
 * times are converted once, on first access, into a primitive array. Expects a lead that passed
 * {@link LeadValidation}.
 */
public final class ProtoLeadView implements ScoringLead {
  private final Lead lead;
  private final long asOfMillis;
  private @Nullable EventIndex events;
  private @Nullable EventTypeIndex eventsByType;
  // Criteria ask for an attribute's type, then its value: the second lookup reuses the first.
  private @Nullable String lastName;
  private @Nullable Value lastValue;
  private @Nullable Map<String, Object> attributeValues;
  private @Nullable Map<String, Long> eventCounts;

  public ProtoLeadView(Lead lead, long asOfMillis) {
    this.lead = requireNonNull(lead, "lead");
    this.asOfMillis = asOfMillis;
  }

  @Override
  public String id() {
    return lead.getId();
  }

  @Override
  public long asOfMillis() {
    return asOfMillis;
  }

  @Override
  public AttributeType attributeType(String name) {
    return Values.typeOf(attribute(name));
  }

  @Override
  public @Nullable String stringAttribute(String name) {
    Value value = attribute(name);
    return value != null && value.hasStringValue() ? value.getStringValue() : null;
  }

  @Override
  public double numberAttribute(String name) {
    Value value = attribute(name);
    return value != null && value.hasNumberValue() ? value.getNumberValue() : Double.NaN;
  }

  @Override
  public @Nullable Boolean booleanAttribute(String name) {
    Value value = attribute(name);
    return value != null && value.hasBoolValue() ? value.getBoolValue() : null;
  }

  private @Nullable Value attribute(String name) {
    if (!name.equals(lastName)) {
      // One lookup: the generated getAttributesOrDefault looks the key up twice (contains, get).
      lastValue = lead.getAttributesMap().get(name);
      lastName = name;
    }
    return lastValue;
  }

  @Override
  public int eventCount() {
    return lead.getEventsCount();
  }

  @Override
  public String eventType(int index) {
    return events().types()[index];
  }

  @Override
  public long eventTimeMillis(int index) {
    return events().millis()[index];
  }

  /**
   * Every event's type and time, read once: criteria walk the events many times. Published through
   * one reference to an immutable record, so a criterion that timed out and still reads this view
   * from a plugin thread sees complete arrays (at worst each thread builds its own).
   */
  private EventIndex events() {
    EventIndex index = events;
    if (index == null) {
      int count = lead.getEventsCount();
      long[] times = new long[count];
      String[] types = new String[count];
      for (int i = 0; i < count; i++) {
        LeadEvent event = lead.getEvents(i);
        times[i] = toMillis(event.getTime());
        types[i] = event.getType();
      }
      index = new EventIndex(times, types);
      events = index;
    }
    return index;
  }

  private record EventIndex(long[] millis, String[] types) {}

  /**
   * Indexes the events by type on first call, one pass over them, so that criteria asking for their
   * types look up a short table instead of comparing every event's type. Published like {@link
   * #events()}.
   */
  @Override
  public EventIndices eventsOfType(String type) {
    EventTypeIndex index = eventsByType;
    if (index == null) {
      index = EventTypeIndex.of(events().types());
      eventsByType = index;
    }
    return index.get(type);
  }

  @Override
  public @Nullable String eventStringProperty(int index, String name) {
    Value value = lead.getEvents(index).getPropertiesOrDefault(name, null);
    return value != null && value.hasStringValue() ? value.getStringValue() : null;
  }

  @Override
  public Map<String, Object> attributeValues() {
    Map<String, Object> values = attributeValues;
    if (values == null) {
      Map<String, Object> map = new LinkedHashMap<>(lead.getAttributesCount() * 2);
      lead.getAttributesMap().forEach((key, value) -> map.put(key, Values.toJava(value)));
      values = Collections.unmodifiableMap(map);
      attributeValues = values;
    }
    return values;
  }

  @Override
  public Map<String, Long> eventCounts() {
    Map<String, Long> counts = eventCounts;
    if (counts == null) {
      Map<String, Long> map = new HashMap<>();
      for (int i = 0; i < lead.getEventsCount(); i++) {
        if (eventTimeMillis(i) <= asOfMillis) {
          map.merge(lead.getEvents(i).getType(), 1L, Long::sum);
        }
      }
      counts = Collections.unmodifiableMap(map);
      eventCounts = counts;
    }
    return counts;
  }

  static long toMillis(Timestamp time) {
    return time.getSeconds() * 1000L + time.getNanos() / 1_000_000;
  }
}
