package dev.leadscore.bench;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The leads benchmarks score: a mix that exercises every criterion of {@code b2b-default}, its
 * caps, its decay and its rule, measured at one fixed instant.
 */
public final class BenchLeads {
  /** The clock of every benchmark request. */
  public static final Instant AS_OF = Instant.parse("2026-11-25T00:00:00Z");

  private BenchLeads() {}

  /** Six leads, from a hot VP to an unsubscribed competitor. */
  public static List<Lead> all() {
    return List.of(hotVp(), coldStudent(), warmManager(), competitor(), lapsedDirector(), buyer());
  }

  /** A VP at a 500-person US software company who downloaded and asked for a demo. */
  public static Lead hotVp() {
    return lead("lead-vp", "VP of Sales", 500, "Software", "United States")
        .addEvents(event("email_open", 2))
        .addEvents(event("email_open", 5))
        .addEvents(event("email_open", 9))
        .addEvents(event("content_download", 3))
        .addEvents(event("demo_request", 1))
        .build();
  }

  static Lead coldStudent() {
    return Lead.newBuilder()
        .setId("lead-student")
        .putAttributes("job_title", text("Student"))
        .build();
  }

  static Lead warmManager() {
    Lead.Builder lead = lead("lead-manager", "Marketing Manager", 120, "Retail", "Germany");
    for (int day = 1; day <= 14; day++) {
      lead.addEvents(event("page_view", day));
    }
    return lead.addEvents(event("pricing_page_view", 4))
        .addEvents(event("pricing_page_view", 40))
        .addEvents(event("email_click", 6))
        .addEvents(event("webinar_attended", 20))
        .addEvents(event("content_download", 45))
        .addEvents(event("content_download", 100))
        .addEvents(event("form_submit", 12))
        .addEvents(event("social_engagement", 3))
        .build();
  }

  static Lead competitor() {
    return lead("lead-rival", "Head of Product", 5000, "SaaS", "France")
        .putAttributes("is_competitor", Value.newBuilder().setBoolValue(true).build())
        .addEvents(event("pricing_page_view", 1))
        .addEvents(event("unsubscribe", 2))
        .addEvents(event("unsubscribe", 3))
        .build();
  }

  static Lead lapsedDirector() {
    return lead("lead-lapsed", "Director of IT", 30, "Banking", "Brazil")
        .addEvents(event("page_view", 75))
        .addEvents(event("email_open", 90))
        .addEvents(event("webinar_attended", 80))
        .build();
  }

  static Lead buyer() {
    return lead("lead-buyer", "Founder", 8, "Internet", "Canada")
        .addEvents(event("purchase", 400))
        .addEvents(event("page_view", 0))
        .addEvents(event("page_view", 31))
        .addEvents(event("email_open", 30))
        .build();
  }

  private static Lead.Builder lead(
      String id, String title, double employees, String industry, String country) {
    return Lead.newBuilder()
        .setId(id)
        .putAttributes("job_title", text(title))
        .putAttributes("company_size", Value.newBuilder().setNumberValue(employees).build())
        .putAttributes("industry", text(industry))
        .putAttributes("country", text(country));
  }

  private static LeadEvent event(String type, int daysAgo) {
    long millis = AS_OF.minus(Duration.ofDays(daysAgo)).minus(Duration.ofHours(3)).toEpochMilli();
    return LeadEvent.newBuilder().setType(type).setTime(Timestamps.fromMillis(millis)).build();
  }

  private static Value text(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }
}
