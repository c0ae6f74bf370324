package dev.leadscore.core.lead;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.internal.Echoes;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.ProfileChange;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a lead's shape against {@link LeadLimits}: counts, name lengths, and each value's nesting
 * and size. It runs on every stateless lead, so the usual lead costs only length checks: paths are
 * built only for a violation, a string's size is measured only when its length could exceed the
 * limit, and an event's serialized size only when an estimate from its parts could.
 */
public final class LeadShapes {
  /** A character is at most 3 bytes in UTF-8 (a pair of surrogates 4, i.e. 2 per char). */
  private static final int MAX_BYTES_PER_CHAR = 3;

  /** Tag and length bytes an entry or value adds, at most, for the sizes allowed here. */
  private static final int FRAMING = 8;

  private LeadShapes() {}

  /** Adds a violation for each part of {@code lead} beyond {@code limits}. */
  public static void check(
      Lead lead, String path, LeadLimits limits, List<FieldViolation> violations) {
    // Bytes first: a parsed id stays undecoded unless it may be too long.
    if (lead.getIdBytes().size() > LeadValidation.MAX_LEAD_ID_LENGTH
        && lead.getId().length() > LeadValidation.MAX_LEAD_ID_LENGTH) {
      violations.add(
          new FieldViolation(
              path + ".id",
              lead.getId().length()
                  + " characters (expected: at most "
                  + LeadValidation.MAX_LEAD_ID_LENGTH
                  + ")"));
    }
    Map<String, Value> attributes = lead.getAttributesMap();
    if (attributes.size() > limits.maxAttributesPerLead()) {
      violations.add(
          new FieldViolation(
              path + ".attributes",
              attributes.size()
                  + " attributes (expected: at most "
                  + limits.maxAttributesPerLead()
                  + ")"));
    } else if (!attributes.isEmpty()) {
      checkValues(attributes, path, ".attributes", "key", limits, violations);
    }
    for (int i = 0; i < lead.getEventsCount(); i++) {
      checkEvent(lead.getEvents(i), path, i, limits, violations);
    }
  }

  /** Adds a violation for each part of a stream input's {@code event} beyond {@code limits}. */
  public static void checkEvent(
      LeadEvent event, String path, LeadLimits limits, List<FieldViolation> violations) {
    checkEvent(event, path, -1, limits, violations);
  }

  /**
   * @param index the event's index in its lead, appended to {@code path}; -1 for none
   */
  private static void checkEvent(
      LeadEvent event, String path, int index, LeadLimits limits, List<FieldViolation> violations) {
    int before = violations.size();
    String type = event.getType();
    if (type.length() > LeadLimits.MAX_NAME_LENGTH) {
      violations.add(new FieldViolation(eventPath(path, index) + ".type", tooLong("type", type)));
    }
    // Scoring never reads an event's id: its bytes are measured, decoded only if it may be too
    // long.
    int idBytes = event.getIdBytes().size();
    if (idBytes > LeadValidation.MAX_EVENT_ID_LENGTH
        && event.getId().length() > LeadValidation.MAX_EVENT_ID_LENGTH) {
      violations.add(
          new FieldViolation(
              eventPath(path, index) + ".id",
              event.getId().length()
                  + " characters (expected: at most "
                  + LeadValidation.MAX_EVENT_ID_LENGTH
                  + ")"));
    }
    long estimate = 4 * FRAMING + idBytes + (long) MAX_BYTES_PER_CHAR * type.length();
    int properties = event.getPropertiesCount();
    if (properties > limits.maxPropertiesPerEvent()) {
      violations.add(
          new FieldViolation(
              eventPath(path, index) + ".properties",
              properties
                  + " properties (expected: at most "
                  + limits.maxPropertiesPerEvent()
                  + ")"));
    } else if (properties > 0) {
      estimate +=
          checkValues(
              event.getPropertiesMap(),
              eventPath(path, index),
              ".properties",
              "key",
              limits,
              violations);
    }
    if (violations.size() == before
        && estimate > limits.maxEventBytes()
        && event.getSerializedSize() > limits.maxEventBytes()) {
      violations.add(
          new FieldViolation(
              eventPath(path, index), bytes(event.getSerializedSize(), limits.maxEventBytes())));
    }
  }

  /** Adds a violation for each part of a profile change beyond {@code limits}. */
  public static void checkProfile(
      ProfileChange change, String path, LeadLimits limits, List<FieldViolation> violations) {
    if (change.getSetCount() > limits.maxAttributesPerLead()) {
      violations.add(
          new FieldViolation(
              path + ".set",
              change.getSetCount()
                  + " attributes (expected: at most "
                  + limits.maxAttributesPerLead()
                  + ")"));
    } else {
      checkValues(change.getSetMap(), path, ".set", "attribute name", limits, violations);
    }
    if (change.getUnsetCount() > limits.maxAttributesPerLead()) {
      violations.add(
          new FieldViolation(
              path + ".unset",
              change.getUnsetCount()
                  + " names (expected: at most "
                  + limits.maxAttributesPerLead()
                  + ")"));
    } else {
      for (int i = 0; i < change.getUnsetCount(); i++) {
        String name = change.getUnset(i);
        if (name.length() > LeadLimits.MAX_NAME_LENGTH) {
          violations.add(
              new FieldViolation(path + ".unset[" + i + "]", tooLong("attribute name", name)));
        }
      }
    }
  }

  /**
   * Adds a violation at {@code path} if {@code value} nests more than {@link
   * LeadLimits#MAX_VALUE_DEPTH} lists and objects or serializes to more than {@link
   * LeadLimits#maxValueBytes()}.
   */
  public static void checkValue(
      Value value, String path, LeadLimits limits, List<FieldViolation> violations) {
    String problem = valueProblem(value, limits);
    if (problem != null) {
      violations.add(new FieldViolation(path, problem));
    }
  }

  /**
   * Checks the names and values of a map at {@code path + field}; returns an estimate of its
   * serialized size that is never below the real one while each value is within its limit.
   */
  private static long checkValues(
      Map<String, Value> values,
      String path,
      String field,
      String what,
      LeadLimits limits,
      List<FieldViolation> violations) {
    long estimate = 0;
    for (Map.Entry<String, Value> entry : values.entrySet()) {
      String name = entry.getKey();
      if (name.length() > LeadLimits.MAX_NAME_LENGTH) {
        violations.add(new FieldViolation(path + field, tooLong(what, name)));
        continue;
      }
      Value value = entry.getValue();
      String problem = valueProblem(value, limits);
      if (problem != null) {
        violations.add(new FieldViolation(path + field + "." + name, problem));
      }
      estimate += FRAMING * 2 + (long) MAX_BYTES_PER_CHAR * name.length() + valueEstimate(value);
    }
    return estimate;
  }

  /** What is wrong with a value, or null. */
  private static @Nullable String valueProblem(Value value, LeadLimits limits) {
    return switch (value.getKindCase()) {
      case STRING_VALUE ->
          (long) MAX_BYTES_PER_CHAR * value.getStringValue().length() + FRAMING
                      > limits.maxValueBytes()
                  && value.getSerializedSize() > limits.maxValueBytes()
              ? bytes(value.getSerializedSize(), limits.maxValueBytes())
              : null;
      case STRUCT_VALUE, LIST_VALUE -> {
        int depth = depth(value);
        if (depth > LeadLimits.MAX_VALUE_DEPTH) {
          yield "nested "
              + depth
              + " levels (expected: at most "
              + LeadLimits.MAX_VALUE_DEPTH
              + " levels of lists and objects)";
        }
        yield value.getSerializedSize() > limits.maxValueBytes()
            ? bytes(value.getSerializedSize(), limits.maxValueBytes())
            : null;
      }
      case NULL_VALUE, NUMBER_VALUE, BOOL_VALUE, KIND_NOT_SET -> null;
    };
  }

  /** At least a value's serialized size, without serializing a scalar. */
  private static long valueEstimate(Value value) {
    return switch (value.getKindCase()) {
      case STRING_VALUE -> FRAMING + (long) MAX_BYTES_PER_CHAR * value.getStringValue().length();
      case STRUCT_VALUE, LIST_VALUE -> FRAMING + value.getSerializedSize();
      case NULL_VALUE, NUMBER_VALUE, BOOL_VALUE, KIND_NOT_SET -> FRAMING + 8;
    };
  }

  /** Lists and objects a value nests; 0 for a scalar. */
  private static int depth(Value value) {
    return switch (value.getKindCase()) {
      case STRUCT_VALUE -> {
        int deepest = 0;
        for (Value field : value.getStructValue().getFieldsMap().values()) {
          deepest = Math.max(deepest, depth(field));
        }
        yield deepest + 1;
      }
      case LIST_VALUE -> 1 + depth(value.getListValue());
      case NULL_VALUE, NUMBER_VALUE, STRING_VALUE, BOOL_VALUE, KIND_NOT_SET -> 0;
    };
  }

  private static int depth(ListValue list) {
    int deepest = 0;
    for (int i = 0; i < list.getValuesCount(); i++) {
      deepest = Math.max(deepest, depth(list.getValues(i)));
    }
    return deepest;
  }

  private static String eventPath(String path, int index) {
    return index < 0 ? path : path + ".events[" + index + "]";
  }

  private static String tooLong(String what, String name) {
    return what
        + " "
        + Echoes.quoted(name)
        + " (expected: at most "
        + LeadLimits.MAX_NAME_LENGTH
        + " characters)";
  }

  private static String bytes(int size, int max) {
    return size + " bytes (expected: at most " + max + " bytes)";
  }
}
