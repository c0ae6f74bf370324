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

/**
 * Checks a lead's shape against {@link LeadLimits}: counts, name lengths, and each value's nesting
 * and size. Cheap for the usual lead: scalar values cost a length check, and an event's size is
 * computed only when it carries properties (protobuf remembers it, so sending or storing the event
 * later does not compute it again).
 */
public final class LeadShapes {
  /** Above this, an event without properties may exceed a small configured event size. */
  private static final int EVENT_WITHOUT_PROPERTIES_BYTES =
      3 * (LeadValidation.MAX_EVENT_ID_LENGTH + LeadLimits.MAX_NAME_LENGTH) + 32;

  private LeadShapes() {}

  /** Adds a violation for each part of {@code lead} beyond {@code limits}. */
  public static void check(
      Lead lead, String path, LeadLimits limits, List<FieldViolation> violations) {
    if (lead.getId().length() > LeadValidation.MAX_LEAD_ID_LENGTH) {
      violations.add(
          new FieldViolation(
              path + ".id",
              lead.getId().length()
                  + " characters (expected: at most "
                  + LeadValidation.MAX_LEAD_ID_LENGTH
                  + ")"));
    }
    checkValues(lead.getAttributesMap(), path + ".attributes", limits, violations);
    for (int i = 0; i < lead.getEventsCount(); i++) {
      checkEvent(lead.getEvents(i), path + ".events[" + i + "]", limits, violations);
    }
  }

  /** Adds a violation for each part of {@code event} beyond {@code limits}. */
  public static void checkEvent(
      LeadEvent event, String path, LeadLimits limits, List<FieldViolation> violations) {
    int before = violations.size();
    checkName(event.getType(), path + ".type", "type", violations);
    if (event.getId().length() > LeadValidation.MAX_EVENT_ID_LENGTH) {
      violations.add(
          new FieldViolation(
              path + ".id",
              event.getId().length()
                  + " characters (expected: at most "
                  + LeadValidation.MAX_EVENT_ID_LENGTH
                  + ")"));
    }
    if (event.getPropertiesCount() > limits.maxPropertiesPerEvent()) {
      violations.add(
          new FieldViolation(
              path + ".properties",
              event.getPropertiesCount()
                  + " properties (expected: at most "
                  + limits.maxPropertiesPerEvent()
                  + ")"));
    } else {
      checkValues(event.getPropertiesMap(), path + ".properties", limits, violations);
    }
    if (violations.size() == before
        && (event.getPropertiesCount() > 0
            || limits.maxEventBytes() < EVENT_WITHOUT_PROPERTIES_BYTES)
        && event.getSerializedSize() > limits.maxEventBytes()) {
      violations.add(
          new FieldViolation(path, bytes(event.getSerializedSize(), limits.maxEventBytes())));
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
      for (Map.Entry<String, Value> entry : change.getSetMap().entrySet()) {
        String name = entry.getKey();
        if (checkName(name, path + ".set", "attribute name", violations)) {
          checkValue(entry.getValue(), path + ".set." + name, limits, violations);
        }
      }
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
        checkName(change.getUnset(i), path + ".unset[" + i + "]", "attribute name", violations);
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
    switch (value.getKindCase()) {
      case STRING_VALUE -> {
        // A character is at most 3 bytes in UTF-8 (4 for a pair of 2 chars): measure only if
        // needed.
        if (3L * value.getStringValue().length() + 8 > limits.maxValueBytes()
            && value.getSerializedSize() > limits.maxValueBytes()) {
          violations.add(
              new FieldViolation(path, bytes(value.getSerializedSize(), limits.maxValueBytes())));
        }
      }
      case STRUCT_VALUE, LIST_VALUE -> {
        int depth = depth(value);
        if (depth > LeadLimits.MAX_VALUE_DEPTH) {
          violations.add(
              new FieldViolation(
                  path,
                  "nested "
                      + depth
                      + " levels (expected: at most "
                      + LeadLimits.MAX_VALUE_DEPTH
                      + " levels of lists and objects)"));
        } else if (value.getSerializedSize() > limits.maxValueBytes()) {
          violations.add(
              new FieldViolation(path, bytes(value.getSerializedSize(), limits.maxValueBytes())));
        }
      }
      case NULL_VALUE, NUMBER_VALUE, BOOL_VALUE, KIND_NOT_SET -> {}
    }
  }

  private static void checkValues(
      Map<String, Value> values, String path, LeadLimits limits, List<FieldViolation> violations) {
    if (values.size() > limits.maxAttributesPerLead() && path.endsWith(".attributes")) {
      violations.add(
          new FieldViolation(
              path,
              values.size()
                  + " attributes (expected: at most "
                  + limits.maxAttributesPerLead()
                  + ")"));
      return;
    }
    for (Map.Entry<String, Value> entry : values.entrySet()) {
      String name = entry.getKey();
      if (checkName(name, path, "key", violations)) {
        checkValue(entry.getValue(), path + "." + name, limits, violations);
      }
    }
  }

  /**
   * Adds a violation at {@code path} (or at {@code path.name} for a map key) for a name longer than
   * {@link LeadLimits#MAX_NAME_LENGTH}; returns whether the name is fine.
   */
  private static boolean checkName(
      String name, String path, String what, List<FieldViolation> violations) {
    if (name.length() <= LeadLimits.MAX_NAME_LENGTH) {
      return true;
    }
    violations.add(
        new FieldViolation(
            path,
            what
                + " "
                + Echoes.quoted(name)
                + " (expected: at most "
                + LeadLimits.MAX_NAME_LENGTH
                + " characters)"));
    return false;
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

  private static String bytes(int size, int max) {
    return size + " bytes (expected: at most " + max + " bytes)";
  }
}
