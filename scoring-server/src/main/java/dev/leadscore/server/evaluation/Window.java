package dev.leadscore.server.evaluation;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.lead.LeadValidation;
import dev.leadscore.proto.v1.LeadState;
import java.util.List;

/**
 * Leads created (first input applied) at or after {@code from} and before {@code to}, in
 * milliseconds; an unbounded side is {@link Long#MIN_VALUE} or {@link Long#MAX_VALUE}. A lead
 * stored before creation times were kept is inside only an unbounded window.
 */
record Window(long from, long to) {
  static final Window ALL = new Window(Long.MIN_VALUE, Long.MAX_VALUE);

  /** The window of a request, adding a violation for an invalid or empty one. */
  static Window of(
      boolean hasFrom,
      Timestamp from,
      boolean hasTo,
      Timestamp to,
      List<FieldViolation> violations) {
    int before = violations.size();
    if (hasFrom) {
      LeadValidation.checkTimestamp(from, "from", violations);
    }
    if (hasTo) {
      LeadValidation.checkTimestamp(to, "to", violations);
    }
    if (violations.size() > before) {
      return ALL;
    }
    Window window =
        new Window(
            hasFrom ? Timestamps.toMillis(from) : Long.MIN_VALUE,
            hasTo ? Timestamps.toMillis(to) : Long.MAX_VALUE);
    if (window.from >= window.to) {
      violations.add(
          new FieldViolation(
              "to",
              Timestamps.toString(to)
                  + " (expected: after from, "
                  + Timestamps.toString(from)
                  + ")"));
    }
    return window;
  }

  boolean contains(LeadState lead) {
    if (!lead.hasCreated()) {
      return from == Long.MIN_VALUE && to == Long.MAX_VALUE;
    }
    long created = Timestamps.toMillis(lead.getCreated());
    return created >= from && created < to;
  }
}
