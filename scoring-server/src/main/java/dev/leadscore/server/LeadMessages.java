package dev.leadscore.server;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.lead.LeadValidation;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import java.time.Duration;
import java.util.List;

/** Checks of stateful-stream inputs that need no model. */
final class LeadMessages {
  static final int MAX_LEAD_ID_LENGTH = 256;
  static final int MAX_EVENT_ID_LENGTH = 256;

  /** How far after the server's clock an event may lie: clocks drift, but not by days. */
  static final Duration MAX_FUTURE_SKEW = Duration.ofHours(1);

  private LeadMessages() {}

  /** Checks the change; the lead id is checked on its own, by {@link #checkLeadId}. */
  static void validate(LeadEventMessage message, long now, List<FieldViolation> violations) {
    switch (message.getChangeCase()) {
      case EVENT -> checkEvent(message.getEvent(), now, violations);
      case PROFILE -> {}
      case CHANGE_NOT_SET ->
          violations.add(
              new FieldViolation("change", "missing (expected: an event or a profile change)"));
    }
  }

  static void checkLeadId(String leadId, List<FieldViolation> violations) {
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
    } else if (event.getId().length() > MAX_EVENT_ID_LENGTH) {
      violations.add(
          new FieldViolation(
              "event.id",
              event.getId().length()
                  + " characters (expected: at most "
                  + MAX_EVENT_ID_LENGTH
                  + ")"));
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
