package dev.leadscore.core.lead;

import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.api.AttributeType;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import java.util.List;
import java.util.Map;

/** Checks a wire lead before it is scored, naming every bad field by its path. */
public final class LeadValidation {
  private LeadValidation() {}

  /**
   * Adds a violation for every event without a type or a valid time, and for every attribute whose
   * type differs from what a criterion of the model expects. Absent and null attributes pass.
   *
   * @param path the lead's path in the request, e.g. {@code lead} or {@code leads[3]}
   */
  public static void validate(
      Lead lead,
      String path,
      Map<String, ExpectedAttribute> expected,
      List<FieldViolation> violations) {
    if (!expected.isEmpty()) {
      for (Map.Entry<String, Value> attribute : lead.getAttributesMap().entrySet()) {
        ExpectedAttribute expectation = expected.get(attribute.getKey());
        if (expectation == null) {
          continue;
        }
        AttributeType actual = Values.typeOf(attribute.getValue());
        if (actual != expectation.type() && actual != AttributeType.NULL) {
          violations.add(
              new FieldViolation(
                  path + ".attributes." + attribute.getKey(),
                  "a "
                      + actual.displayName()
                      + " (expected: a "
                      + expectation.type().displayName()
                      + ", read by criterion "
                      + expectation.criterionId()
                      + ")"));
        }
      }
    }
    for (int i = 0; i < lead.getEventsCount(); i++) {
      LeadEvent event = lead.getEvents(i);
      String eventPath = path + ".events[" + i + "]";
      if (event.getType().isEmpty()) {
        violations.add(
            new FieldViolation(
                eventPath + ".type", "missing (expected: an event type such as email_open)"));
      }
      if (!event.hasTime()) {
        violations.add(new FieldViolation(eventPath + ".time", "missing (expected: a timestamp)"));
      } else {
        checkTimestamp(event.getTime(), eventPath + ".time", violations);
      }
    }
  }

  /** Adds a violation if {@code time} lies outside what a Timestamp may hold. */
  public static void checkTimestamp(Timestamp time, String path, List<FieldViolation> violations) {
    if (!Timestamps.isValid(time)) {
      violations.add(
          new FieldViolation(
              path,
              "seconds="
                  + time.getSeconds()
                  + ", nanos="
                  + time.getNanos()
                  + " (expected: a valid timestamp from 0001-01-01T00:00:00Z to"
                  + " 9999-12-31T23:59:59Z, nanos 0 to 999999999)"));
    }
  }
}
