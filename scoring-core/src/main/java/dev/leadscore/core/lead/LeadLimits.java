package dev.leadscore.core.lead;

/**
 * Bounds on the shape of a lead, checked where leads enter: stateless requests ({@code Score},
 * {@code ScoreBatch}, {@code ScoreStream}) and {@code StreamEvents} inputs. Over a bound, the input
 * is refused with {@code INVALID_ARGUMENT} naming the field; nothing is stored.
 *
 * <p>They keep one lead from costing without bound: a stored lead is rewritten on every event, so
 * its size is what each of its events costs, and a lead that keeps every new attribute name or
 * event type ever sent grows forever. With the defaults a stored lead stays below about 3 MB (1000
 * events of at most 2 KiB, 256 attributes of at most 2 KiB, 1000 event ids), under the 4 MiB a
 * client accepts in one {@code GetLead} answer.
 *
 * @param maxAttributesPerLead profile attributes one lead may hold (stored or in one request)
 * @param maxEventTypesPerLead distinct event types one stored lead may have seen; events of a new
 *     type beyond it are refused, events of known types are not
 * @param maxPropertiesPerEvent properties one event may carry
 * @param maxValueBytes the serialized size of one attribute or property value, nested values
 *     included
 * @param maxEventBytes the serialized size of one event with its properties
 * @since 0.3
 */
public record LeadLimits(
    int maxAttributesPerLead,
    int maxEventTypesPerLead,
    int maxPropertiesPerEvent,
    int maxValueBytes,
    int maxEventBytes) {
  public static final int DEFAULT_MAX_ATTRIBUTES_PER_LEAD = 256;
  public static final int DEFAULT_MAX_EVENT_TYPES_PER_LEAD = 256;
  public static final int DEFAULT_MAX_PROPERTIES_PER_EVENT = 64;
  public static final int DEFAULT_MAX_VALUE_BYTES = 2048;
  public static final int DEFAULT_MAX_EVENT_BYTES = 2048;

  /**
   * How many lists and objects a value may nest, fixed. A stored lead wraps a value in six more
   * protobuf messages and protobuf refuses to parse more than 100 levels: a value nested near that
   * limit would be accepted once and make its lead unreadable for good. An object level costs three
   * protobuf levels, so 16 levels stay far below the limit.
   */
  public static final int MAX_VALUE_DEPTH = 16;

  /** The longest attribute name, property key or event type, in characters; fixed. */
  public static final int MAX_NAME_LENGTH = 128;

  /** The largest {@link #maxValueBytes} and {@link #maxEventBytes} that may be configured. */
  public static final int MAX_CONFIGURABLE_BYTES = 1024 * 1024;

  public LeadLimits {
    positive("maxAttributesPerLead", maxAttributesPerLead);
    positive("maxEventTypesPerLead", maxEventTypesPerLead);
    positive("maxPropertiesPerEvent", maxPropertiesPerEvent);
    positive("maxValueBytes", maxValueBytes);
    positive("maxEventBytes", maxEventBytes);
    if (maxValueBytes > MAX_CONFIGURABLE_BYTES || maxEventBytes > MAX_CONFIGURABLE_BYTES) {
      throw new IllegalArgumentException(
          "maxValueBytes "
              + maxValueBytes
              + ", maxEventBytes "
              + maxEventBytes
              + " (expected: at most "
              + MAX_CONFIGURABLE_BYTES
              + ")");
    }
  }

  /** The defaults, {@code DEFAULT_*} above. */
  public static LeadLimits defaults() {
    return new LeadLimits(
        DEFAULT_MAX_ATTRIBUTES_PER_LEAD,
        DEFAULT_MAX_EVENT_TYPES_PER_LEAD,
        DEFAULT_MAX_PROPERTIES_PER_EVENT,
        DEFAULT_MAX_VALUE_BYTES,
        DEFAULT_MAX_EVENT_BYTES);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1)");
    }
  }
}
