package dev.leadscore.bench;

import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import org.jspecify.annotations.Nullable;

/**
 * The {@code b2b-default} model written out by hand in plain Java: what the engine would cost if it
 * knew the model at compile time. It reads the same wire {@link Lead}, walks the events once and
 * adds up in the engine's order, so it returns the very same score; a test holds it to that. It is
 * the limit the engine's benchmark is compared with.
 */
public final class HandWrittenB2bScorer {
  private static final long DAY = 86_400_000L;
  private static final double DOWNLOAD_DECAY = Math.log(2) / (30 * DAY);

  /** A score and its band. */
  public record Scored(double score, String band) {}

  private HandWrittenB2bScorer() {}

  /** Scores {@code lead} at {@code asOfMillis} as {@code b2b-default} version 1 does. */
  public static Scored score(Lead lead, long asOfMillis) {
    double fit = 0;
    fit += jobTitle(text(lead, "job_title"));
    fit += companySize(number(lead, "company_size"));
    fit += industry(text(lead, "industry"));
    fit += country(text(lead, "country"));
    Value competitor = lead.getAttributesOrDefault("is_competitor", null);
    fit += competitor != null && competitor.hasBoolValue() && competitor.getBoolValue() ? -50 : 0;
    Activity activity = new Activity(asOfMillis);
    for (int i = 0; i < lead.getEventsCount(); i++) {
      activity.add(lead.getEvents(i));
    }
    double engagement = activity.points();
    double total = clamp(fit, -50, 50) + clamp(engagement, -30, 80);
    double score = Math.round(clamp(total, 0, 100) * 100.0) / 100.0;
    boolean hot = activity.demosEver > 0 || activity.purchases > 0;
    String band = hot || score >= 80 ? "hot" : score >= 21 ? "warm" : "cold";
    return new Scored(score, band);
  }

  private static final String[] SENIOR = {
    "chief", "ceo", "cto", "cfo", "cmo", "coo", "founder", "president", "vp", "head of"
  };
  private static final String[] TECH = {
    "software", "saas", "technology", "internet", "it services"
  };
  private static final String[] FINANCE = {"financial services", "fintech", "banking", "insurance"};
  private static final String[] OTHER = {
    "manufacturing", "retail", "healthcare", "telecommunications"
  };
  private static final String[] COUNTRIES = {
    "united states",
    "us",
    "usa",
    "canada",
    "united kingdom",
    "uk",
    "germany",
    "france",
    "netherlands",
    "australia"
  };

  private static double jobTitle(@Nullable String raw) {
    if (raw == null) {
      return 0;
    }
    // Lower-cased once when ASCII, so needles are found by indexOf; otherwise compared
    // case-insensitively at every position, as the engine does.
    String lowered = lowerAscii(raw);
    String title = lowered == null ? raw : lowered;
    boolean ascii = lowered != null;
    if (contains(title, "student", ascii) || contains(title, "intern", ascii)) {
      return -15;
    }
    for (String senior : SENIOR) {
      if (contains(title, senior, ascii)) {
        return 20;
      }
    }
    if (contains(title, "director", ascii)) {
      return 15;
    }
    return contains(title, "manager", ascii) || contains(title, "lead", ascii) ? 10 : 0;
  }

  private static double companySize(double employees) {
    if (employees >= 1000) {
      return 15;
    } else if (employees >= 200 && employees < 1000) {
      return 12;
    } else if (employees >= 50 && employees < 200) {
      return 8;
    }
    return employees >= 10 && employees < 50 ? 4 : 0;
  }

  private static double industry(@Nullable String industry) {
    if (oneOf(industry, TECH)) {
      return 10;
    } else if (oneOf(industry, FINANCE)) {
      return 7;
    }
    return oneOf(industry, OTHER) ? 4 : 0;
  }

  private static double country(@Nullable String country) {
    return oneOf(country, COUNTRIES) ? 5 : 0;
  }

  private static boolean oneOf(@Nullable String text, String[] values) {
    if (text != null) {
      for (String value : values) {
        if (text.equalsIgnoreCase(value)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code text} lower-cased if it is ASCII, else null. */
  private static @Nullable String lowerAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return null;
      }
    }
    return text.toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean contains(String text, String needle, boolean lowerAscii) {
    if (lowerAscii) {
      return text.contains(needle);
    }
    for (int start = 0; start <= text.length() - needle.length(); start++) {
      if (text.regionMatches(true, start, needle, 0, needle.length())) {
        return true;
      }
    }
    return false;
  }

  /** Everything the engagement criteria and the rule count, gathered in one pass. */
  private static final class Activity {
    private final long asOf;
    int pageViews;
    int pricingViews;
    int opens;
    int clicks;
    double downloads;
    int webinars;
    int forms;
    int social;
    int demos;
    int demosEver;
    int purchases;
    int unsubscribes;
    long latest = Long.MIN_VALUE;

    Activity(long asOf) {
      this.asOf = asOf;
    }

    void add(LeadEvent event) {
      long time = millis(event.getTime());
      if (time > asOf) {
        return;
      }
      long age = asOf - time;
      boolean in30 = age <= 30 * DAY;
      boolean in60 = age <= 60 * DAY;
      boolean in90 = age <= 90 * DAY;
      boolean active = true;
      switch (event.getType()) {
        case "page_view" -> pageViews += in30 ? 1 : 0;
        case "pricing_page_view" -> pricingViews += in30 ? 1 : 0;
        case "email_open" -> opens += in30 ? 1 : 0;
        case "email_click" -> clicks += in30 ? 1 : 0;
        case "content_download" -> downloads += in90 ? Math.exp(-DOWNLOAD_DECAY * age) : 0;
        case "webinar_attended" -> webinars += in90 ? 1 : 0;
        case "form_submit" -> forms += in60 ? 1 : 0;
        default -> active = false;
      }
      switch (event.getType()) {
        case "social_engagement" -> social += in30 ? 1 : 0;
        case "demo_request" -> {
          demos += in90 ? 1 : 0;
          demosEver++;
        }
        case "purchase" -> purchases++;
        case "unsubscribe" -> unsubscribes++;
        default -> {}
      }
      if (active && time > latest) {
        latest = time;
      }
    }

    double points() {
      double points = 0;
      points += Math.min(pageViews, 10);
      points += Math.min(pricingViews * 5, 15);
      points += Math.min(opens * 5, 15);
      points += Math.min(clicks * 8, 16);
      points += Math.min(downloads * 10, 20);
      points += Math.min(webinars * 15, 30);
      points += Math.min(forms * 10, 20);
      points += Math.min(social * 2, 6);
      points += demos > 0 ? 30 : 0;
      points += purchases > 0 ? 40 : 0;
      points += unsubscribes > 0 ? -20 : 0;
      points += recency();
      return points;
    }

    private double recency() {
      if (latest == Long.MIN_VALUE) {
        return 0;
      }
      long days = (asOf - latest) / DAY;
      return days <= 7 ? 5 : days > 60 ? -10 : 0;
    }
  }

  private static @Nullable String text(Lead lead, String name) {
    Value value = lead.getAttributesOrDefault(name, null);
    return value != null && value.hasStringValue() ? value.getStringValue() : null;
  }

  private static double number(Lead lead, String name) {
    Value value = lead.getAttributesOrDefault(name, null);
    return value != null && value.hasNumberValue() ? value.getNumberValue() : Double.NaN;
  }

  private static long millis(Timestamp time) {
    return time.getSeconds() * 1000L + time.getNanos() / 1_000_000;
  }

  private static double clamp(double value, double min, double max) {
    return Math.min(Math.max(value, min), max);
  }
}
