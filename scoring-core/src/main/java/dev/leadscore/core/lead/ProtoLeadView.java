package dev.leadscore.core.lead;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.leadscore.api.AttributeType;
import dev.leadscore.proto.v1.Lead;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a wire {@link Lead} in place: no copy of attributes or events is made for criteria. Event
 * times are converted once, on first access, into a primitive array. Expects a lead that passed
 * {@link LeadValidation}.
 *
 * <p>The {@link dev.leadscore.api.LeadView} methods may be called from several threads at once (a
 * plugin thread and the request's); the rule methods are for the request's thread only.
 */
public final class ProtoLeadView implements ScoringLead {
  private final Lead lead;
  private final long asOfMillis;
  private @Nullable EventTimes eventTimes;
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
    return Values.typeOf(lead.getAttributesOrDefault(name, null));
  }

  @Override
  public @Nullable String stringAttribute(String name) {
    Value value = lead.getAttributesOrDefault(name, null);
    return value != null && value.hasStringValue() ? value.getStringValue() : null;
  }

  @Override
  public double numberAttribute(String name) {
    Value value = lead.getAttributesOrDefault(name, null);
    return value != null && value.hasNumberValue() ? value.getNumberValue() : Double.NaN;
  }

  @Override
  public @Nullable Boolean booleanAttribute(String name) {
    Value value = lead.getAttributesOrDefault(name, null);
    return value != null && value.hasBoolValue() ? value.getBoolValue() : null;
  }

  @Override
  public int eventCount() {
    return lead.getEventsCount();
  }

  @Override
  public String eventType(int index) {
    return lead.getEvents(index).getType();
  }

  @Override
  public long eventTimeMillis(int index) {
    EventTimes times = eventTimes;
    if (times == null) {
      long[] millis = new long[lead.getEventsCount()];
      for (int i = 0; i < millis.length; i++) {
        millis[i] = toMillis(lead.getEvents(i).getTime());
      }
      times = new EventTimes(millis);
      eventTimes = times;
    }
    return times.millis()[index];
  }

  /**
   * Event times behind a final field: a criterion that timed out may still read this view from a
   * plugin thread while the request goes on, and the final field makes that race benign (both
   * threads see a complete array, at worst each builds its own).
   */
  private record EventTimes(long[] millis) {}

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
