package dev.leadscore.api;

import org.jspecify.annotations.Nullable;

/**
 * A read-only view of one lead at one instant, as criteria see it. The server adapts the wire
 * message to this view without copying it; criteria read attributes by name and events by index.
 *
 * <p>Events are those the caller sent, in the order sent; criteria filter them by type and time.
 * Times are milliseconds since the epoch. Implementations are not thread-safe and live for one
 * request: criteria must not keep a reference after {@link Criterion#evaluate} returns.
 *
 * @since 0.1
 */
public interface LeadView {

  /** The caller's lead id; empty when none was given. */
  String id();

  /** The clock of the request: windows and decay are measured back from this instant. */
  long asOfMillis();

  /** The kind of the named attribute's value, {@link AttributeType#MISSING} when absent. */
  AttributeType attributeType(String name);

  /** The attribute's value if it is a string, else {@code null}. */
  @Nullable String stringAttribute(String name);

  /** The attribute's value if it is a number, else {@link Double#NaN}. */
  double numberAttribute(String name);

  /** The attribute's value if it is a boolean, else {@code null}. */
  @Nullable Boolean booleanAttribute(String name);

  /** The number of events. */
  int eventCount();

  /** The type of event {@code index}. */
  String eventType(int index);

  /** The time of event {@code index}, in milliseconds since the epoch. */
  long eventTimeMillis(int index);

  /** Event {@code index}'s property if it is a string, else {@code null}. */
  @Nullable String eventStringProperty(int index, String name);

  /**
   * The indices of the events whose type is {@code type}, ascending; {@link EventIndices#none()}
   * when there are none. Criteria that look at events of a few types walk these instead of every
   * event, and compare no type strings.
   *
   * <p>The default scans the events on each call. Implementations that are asked for many types per
   * lead should index the events by type once, on first call, and return the same answer as the
   * default.
   *
   * @since 0.2
   */
  default EventIndices eventsOfType(String type) {
    int count = eventCount();
    int[] indices = new int[count];
    int size = 0;
    for (int i = 0; i < count; i++) {
      if (type.equals(eventType(i))) {
        indices[size++] = i;
      }
    }
    return EventIndices.of(indices, 0, size);
  }
}
