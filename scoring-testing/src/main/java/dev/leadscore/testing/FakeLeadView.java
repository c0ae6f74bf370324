package dev.leadscore.testing;

import static java.util.Objects.requireNonNull;

import dev.leadscore.api.AttributeType;
import dev.leadscore.api.LeadView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A lead held in plain maps and lists, built with {@link #builder()}: for testing a criterion
 * without a server. Attributes take the values JSON gives (String, Double, Boolean, List, Map or
 * {@code null}); events a type, a time and string properties. Immutable once built.
 */
public final class FakeLeadView implements LeadView {

  private record Event(String type, long timeMillis, Map<String, String> properties) {}

  private final String id;
  private final long asOfMillis;
  private final Map<String, @Nullable Object> attributes;
  private final List<Event> events;

  private FakeLeadView(Builder builder) {
    this.id = builder.id;
    this.asOfMillis = builder.asOf.toEpochMilli();
    this.attributes = new HashMap<>(builder.attributes);
    this.events = List.copyOf(builder.events);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public long asOfMillis() {
    return asOfMillis;
  }

  @Override
  public AttributeType attributeType(String name) {
    if (!attributes.containsKey(name)) {
      return AttributeType.MISSING;
    }
    Object value = attributes.get(name);
    if (value == null) {
      return AttributeType.NULL;
    }
    if (value instanceof String) {
      return AttributeType.STRING;
    }
    if (value instanceof Double) {
      return AttributeType.NUMBER;
    }
    if (value instanceof Boolean) {
      return AttributeType.BOOLEAN;
    }
    return value instanceof List<?> ? AttributeType.LIST : AttributeType.OBJECT;
  }

  @Override
  public @Nullable String stringAttribute(String name) {
    return attributes.get(name) instanceof String s ? s : null;
  }

  @Override
  public double numberAttribute(String name) {
    return attributes.get(name) instanceof Double d ? d : Double.NaN;
  }

  @Override
  public @Nullable Boolean booleanAttribute(String name) {
    return attributes.get(name) instanceof Boolean b ? b : null;
  }

  @Override
  public int eventCount() {
    return events.size();
  }

  @Override
  public String eventType(int index) {
    return events.get(index).type();
  }

  @Override
  public long eventTimeMillis(int index) {
    return events.get(index).timeMillis();
  }

  @Override
  public @Nullable String eventStringProperty(int index, String name) {
    return events.get(index).properties().get(name);
  }

  /** Collects a lead; {@code asOf} defaults to {@link Builder#DEFAULT_AS_OF}. */
  public static final class Builder {
    /** The clock of a lead that does not set one. */
    public static final Instant DEFAULT_AS_OF = Instant.parse("2026-11-01T12:00:00Z");

    private String id = "";
    private Instant asOf = DEFAULT_AS_OF;
    private final Map<String, @Nullable Object> attributes = new HashMap<>();
    private final List<Event> events = new ArrayList<>();

    private Builder() {}

    public Builder id(String id) {
      this.id = requireNonNull(id, "id");
      return this;
    }

    public Builder asOf(Instant asOf) {
      this.asOf = requireNonNull(asOf, "asOf");
      return this;
    }

    /** An attribute as JSON gives it: a String, Double, Boolean, List, Map or {@code null}. */
    public Builder attribute(String name, @Nullable Object value) {
      attributes.put(requireNonNull(name, "name"), value);
      return this;
    }

    public Builder event(String type, Instant time) {
      return event(type, time, Map.of());
    }

    public Builder event(String type, Instant time, Map<String, String> properties) {
      events.add(new Event(type, time.toEpochMilli(), Map.copyOf(properties)));
      return this;
    }

    public FakeLeadView build() {
      return new FakeLeadView(this);
    }
  }
}
