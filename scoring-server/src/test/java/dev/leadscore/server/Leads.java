package dev.leadscore.server;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import java.time.Duration;
import java.time.Instant;

/** Leads for tests, built from the seed material's examples. */
public final class Leads {
  private Leads() {}

  /**
   * A VP at a 500-person US software company who opened e-mails, downloaded and asked for a demo.
   */
  public static Lead hotVp(Instant now) {
    return Lead.newBuilder()
        .setId("lead-vp")
        .putAttributes("job_title", string("VP of Sales"))
        .putAttributes("company_size", number(500))
        .putAttributes("industry", string("Software"))
        .putAttributes("country", string("United States"))
        .addEvents(event("email_open", now.minus(Duration.ofDays(2))))
        .addEvents(event("email_open", now.minus(Duration.ofDays(5))))
        .addEvents(event("email_open", now.minus(Duration.ofDays(9))))
        .addEvents(event("content_download", now.minus(Duration.ofDays(3))))
        .addEvents(event("demo_request", now.minus(Duration.ofDays(1))))
        .build();
  }

  /** An unknown student with no activity. */
  public static Lead coldStudent() {
    return Lead.newBuilder()
        .setId("lead-student")
        .putAttributes("job_title", string("Student"))
        .build();
  }

  public static LeadEvent event(String type, Instant time) {
    return LeadEvent.newBuilder()
        .setType(type)
        .setTime(Timestamps.fromMillis(time.toEpochMilli()))
        .build();
  }

  public static Value string(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }

  public static Value number(double value) {
    return Value.newBuilder().setNumberValue(value).build();
  }
}
