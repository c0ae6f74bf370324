package dev.leadscore.core.lead;

import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.api.AttributeType;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Checks a wire lead before it is scored, naming every bad field by its path. */
public final class LeadValidation {
  public static final int MAX_LEAD_ID_LENGTH = 256;
  public static final int MAX_EVENT_ID_LENGTH = 256;

  /** How far after the server's clock an event may lie: clocks drift, but not by days. */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofHours(1);

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

  /**
   * Checks a {@code StreamEvents} input's change: an event needs an id, a type and a time at most
   * {@link #MAX_FUTURE_SKEW} after {@code now}; events and profile changes stay within {@code
   * limits} ({@link LeadShapes}). The lead id is checked on its own, by {@link #checkLeadId}.
   */
  public static void validateStreamInput(
      LeadEventMessage message, long now, LeadLimits limits, List<FieldViolation> violations) {
    switch (message.getChangeCase()) {
      case EVENT -> {
        checkEvent(message.getEvent(), now, violations);
        LeadShapes.checkEvent(message.getEvent(), "event", limits, violations);
      }
      case PROFILE -> LeadShapes.checkProfile(message.getProfile(), "profile", limits, violations);
      case OUTCOME -> OutcomeValidation.check(message.getOutcome(), "outcome", now, violations);
      case CHANGE_NOT_SET ->
          violations.add(
              new FieldViolation(
                  "change", "missing (expected: an event, a profile change or an outcome)"));
    }
  }

  /** Adds a violation at {@code lead_id} for a missing or over-long lead id. */
  public static void checkLeadId(String leadId, List<FieldViolation> violations) {
    if (leadId.isEmpty()) {
      violations.add(new FieldViolation("lead_id", "missing (expected: the lead's id)"));
    } else if (leadId.length() > MAX_LEAD_ID_LENGTH) {
      violations.add(
          new FieldViolation(
              "lead_id",
              leadId.length() + " characters (expected: at most " + MAX_LEAD_ID_LENGTH + ")"));
    }
  }

  private static void checkEvent(LeadEvent event, long now, List<FieldViolation> violations) {
    if (event.getId().isEmpty()) {
      violations.add(
          new FieldViolation(
              "event.id", "missing (expected: a unique id per event, used to drop duplicates)"));
    }
    if (event.getType().isEmpty()) {
      violations.add(
          new FieldViolation("event.type", "missing (expected: an event type such as email_open)"));
    }
    if (!event.hasTime()) {
      violations.add(new FieldViolation("event.time", "missing (expected: a timestamp)"));
      return;
    }
    int before = violations.size();
    LeadValidation.checkTimestamp(event.getTime(), "event.time", violations);
    long latest = now + MAX_FUTURE_SKEW.toMillis();
    if (violations.size() == before && Timestamps.toMillis(event.getTime()) > latest) {
      violations.add(
          new FieldViolation(
              "event.time",
              Timestamps.toString(event.getTime())
                  + " (expected: at most "
                  + MAX_FUTURE_SKEW.toMinutes()
                  + " minutes after the server's clock, "
                  + Timestamps.toString(Timestamps.fromMillis(latest))
                  + ")"));
    }
  }
}
