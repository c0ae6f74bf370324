package dev.leadscore.cli;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;

/**
 * A synthetic market whose truth is known: leads with a profile, a hidden buying intent that shows
 * in some of their events, and a conversion propensity computed from both. The same seed gives the
 * same leads, events and outcomes.
 *
 * <p>The truth: {@code logit = -3.4 + seniority + size + industry + 1.3 · intent}, with intent
 * standard normal; seniority +1.0 for executives (CEO, VP, head), +0.7 directors, +0.35 managers, 0
 * individual contributors, −1.5 students and interns; size +0.8 from 1,000 employees, +0.5 from
 * 200; industry +0.4 software, +0.25 financial services, −0.4 education. Over the last 30 days a
 * lead has Poisson(4) page views and Poisson(3) opened e-mails whatever its intent (they carry no
 * signal), Poisson(0.5·e^(0.9·intent)) pricing-page views, Poisson(0.6·e^(0.5·intent)) downloads,
 * over 60 days Poisson(0.3·e^(0.8·intent)) webinars, and a demo request with probability σ(−2.8 +
 * 1.4·intent). It converts with probability σ(logit); otherwise sales disqualify it with
 * probability 0.6 (a student as "student", a small company or an individual contributor as "bad
 * fit", anyone else as "no budget"), else it stays open.
 */
final class Simulation {
  private static final String[][] TITLES = {
    {"CEO", "VP Sales", "VP Marketing", "Head of Growth"},
    {"Director of Marketing", "Sales Director"},
    {"Marketing Manager", "Sales Manager", "Product Manager"},
    {"Analyst", "Coordinator", "Account Executive", "Specialist"},
    {"Student", "Marketing Intern"}
  };
  private static final double[] TITLE_SHARE = {0.12, 0.13, 0.25, 0.38, 0.12};
  private static final double[] SENIORITY = {1.0, 0.7, 0.35, 0, -1.5};
  private static final String[] INDUSTRIES = {
    "Software", "Financial Services", "Manufacturing", "Retail", "Education", "Healthcare"
  };
  private static final double[] INDUSTRY = {0.4, 0.25, 0, 0, -0.4, 0};
  private static final String[] COUNTRIES = {
    "United States", "Germany", "United Kingdom", "India", "Brazil", "France"
  };

  private Simulation() {}

  /** One synthetic lead and its true propensity to convert. */
  record SimulatedLead(
      String id,
      Map<String, Value> attributes,
      List<LeadEvent> events,
      int seniority,
      int companySize,
      double propensity) {}

  /**
   * {@code count} leads, ids {@code sim<seed>-<n>}, events before {@code now}, made one at a time
   * as they are read (a million leads never sit in memory at once).
   */
  static Iterator<SimulatedLead> generate(int count, long seed, Instant now) {
    Random random = new Random(seed);
    return new Iterator<>() {
      private int n;

      @Override
      public boolean hasNext() {
        return n < count;
      }

      @Override
      public SimulatedLead next() {
        if (n >= count) {
          throw new NoSuchElementException();
        }
        return lead("sim" + seed + "-" + n++, random, now);
      }
    };
  }

  private static SimulatedLead lead(String id, Random random, Instant now) {
    int level = pick(random, TITLE_SHARE);
    String title = TITLES[level][random.nextInt(TITLES[level].length)];
    int size = (int) Math.max(1, Math.round(Math.exp(Math.log(120) + 1.3 * random.nextGaussian())));
    int industry = random.nextInt(INDUSTRIES.length);
    double intent = random.nextGaussian();
    double logit =
        -3.4
            + SENIORITY[level]
            + (size >= 1000 ? 0.8 : size >= 200 ? 0.5 : 0)
            + INDUSTRY[industry]
            + 1.3 * intent;
    Map<String, Value> attributes = new LinkedHashMap<>();
    attributes.put("job_title", string(title));
    attributes.put("company_size", Value.newBuilder().setNumberValue(size).build());
    attributes.put("industry", string(INDUSTRIES[industry]));
    attributes.put("country", string(COUNTRIES[random.nextInt(COUNTRIES.length)]));
    List<LeadEvent> events = new ArrayList<>();
    add(events, id, "page_view", poisson(random, 4), 30, random, now);
    add(events, id, "email_open", poisson(random, 3), 30, random, now);
    add(
        events,
        id,
        "pricing_page_view",
        poisson(random, 0.5 * Math.exp(0.9 * intent)),
        30,
        random,
        now);
    add(
        events,
        id,
        "content_download",
        poisson(random, 0.6 * Math.exp(0.5 * intent)),
        30,
        random,
        now);
    add(
        events,
        id,
        "webinar_attended",
        poisson(random, 0.3 * Math.exp(0.8 * intent)),
        60,
        random,
        now);
    add(
        events,
        id,
        "demo_request",
        random.nextDouble() < sigmoid(-2.8 + 1.4 * intent) ? 1 : 0,
        30,
        random,
        now);
    return new SimulatedLead(id, attributes, events, level, size, sigmoid(logit));
  }

  /**
   * The lead's outcome, drawn from its propensity with {@code random} (seeded apart from the leads,
   * so outcomes do not depend on the order inputs are sent in); empty for a lead left open.
   */
  static Optional<LeadOutcome> outcome(SimulatedLead lead, Random random, Instant time) {
    double u = random.nextDouble();
    double disqualify = random.nextDouble();
    LeadOutcome.Builder outcome =
        LeadOutcome.newBuilder()
            .setId(lead.id() + "-outcome")
            .setTime(Timestamps.fromMillis(time.toEpochMilli()));
    if (u < lead.propensity()) {
      return Optional.of(
          outcome
              .setKind(LeadOutcome.Kind.CONVERTED)
              .setValue(1000 + 10L * Math.min(lead.companySize(), 5000))
              .build());
    }
    if (disqualify >= 0.6) {
      return Optional.empty();
    }
    String reason =
        lead.seniority() == 4
            ? "student"
            : lead.seniority() == 3 || lead.companySize() < 50 ? "bad fit" : "no budget";
    return Optional.of(outcome.setKind(LeadOutcome.Kind.DISQUALIFIED).setReason(reason).build());
  }

  private static void add(
      List<LeadEvent> events,
      String lead,
      String type,
      long count,
      int days,
      Random random,
      Instant now) {
    for (int k = 0; k < Math.min(count, 20); k++) {
      Instant time = now.minus(Duration.ofMinutes(1 + random.nextInt(days * 24 * 60)));
      events.add(
          LeadEvent.newBuilder()
              .setId(lead + "-" + type + "-" + k)
              .setType(type)
              .setTime(Timestamps.fromMillis(time.toEpochMilli()))
              .build());
    }
  }

  private static int pick(Random random, double[] shares) {
    double u = random.nextDouble();
    for (int i = 0; i < shares.length - 1; i++) {
      u -= shares[i];
      if (u < 0) {
        return i;
      }
    }
    return shares.length - 1;
  }

  /** Knuth's multiplication method: exact, and fast for the small means used here. */
  private static long poisson(Random random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    long count = 0;
    while (product > limit) {
      count++;
      product *= random.nextDouble();
    }
    return count;
  }

  static double sigmoid(double logit) {
    return 1 / (1 + Math.exp(-logit));
  }

  private static Value string(String text) {
    return Value.newBuilder().setStringValue(text).build();
  }
}
