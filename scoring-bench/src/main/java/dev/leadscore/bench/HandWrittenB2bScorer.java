package dev.leadscore.bench;

import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import java.text.Normalizer;

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

  // The job title's words, folded as the engine folds them (see jobTitle), each padded with
  // spaces so that indexOf finds whole words and phrases only.
  private static final String[] INTERNS = {
    " intern ",
    " interns ",
    " internship ",
    " working student ",
    " werkstudent ",
    " praktikant ",
    " praktikantin ",
    " stagiaire ",
    " becario ",
    " becaria "
  };
  private static final String[] SENIOR = {
    " chief ",
    " ceo ",
    " cto ",
    " cfo ",
    " cmo ",
    " coo ",
    " cio ",
    " ciso ",
    " founder ",
    " cofounder ",
    " vice president ",
    " president ",
    " presidente ",
    " vp ",
    " svp ",
    " evp ",
    " avp ",
    " v p ",
    " head of ",
    " head ",
    " managing director ",
    " managing partner ",
    " directeur general ",
    " director general ",
    " directora general ",
    " geschaftsfuhrer ",
    " geschaftsfuhrerin "
  };
  private static final String[] DIRECTORS = {
    " director ",
    " directora ",
    " directeur ",
    " directrice ",
    " direktor ",
    " direktorin ",
    " diretor ",
    " diretora ",
    " dir "
  };
  private static final String[] MANAGERS = {
    " manager ", " mgr ", " gerente ", " lead ", " leader ", " supervisor "
  };
  private static final String[] STUDENTS = {" student ", " students ", " estudiante "};
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

  private static double jobTitle(String raw) {
    if (raw == null) {
      return 0;
    }
    String words = words(raw);
    if (hasAny(words, INTERNS)) {
      return -15;
    } else if (hasAny(words, SENIOR)) {
      return 20;
    } else if (hasAny(words, DIRECTORS)) {
      return 15;
    } else if (hasAny(words, MANAGERS)) {
      return 10;
    }
    return hasAny(words, STUDENTS) ? -15 : 0;
  }

  /**
   * The words of {@code text} lower-cased, one space between them and one on each side: "VP, Sales"
   * is " vp sales ". Letters and digits make words; a non-ASCII text is first decomposed (NFKD) and
   * stripped of combining marks, so "Général" is " general ".
   */
  private static String words(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return foldedWords(text);
      }
    }
    StringBuilder words = new StringBuilder(text.length() + 2).append(' ');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        words.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        words.append((char) (c + 32));
      } else if (words.charAt(words.length() - 1) != ' ') {
        words.append(' ');
      }
    }
    return words.charAt(words.length() - 1) == ' '
        ? words.toString()
        : words.append(' ').toString();
  }

  private static String foldedWords(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder words = new StringBuilder(decomposed.length() + 2).append(' ');
    for (int i = 0; i < decomposed.length(); ) {
      int c = decomposed.codePointAt(i);
      i += Character.charCount(c);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
        continue;
      }
      if (Character.isLetterOrDigit(c) || type == Character.COMBINING_SPACING_MARK) {
        words.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c)));
      } else if (words.charAt(words.length() - 1) != ' ') {
        words.append(' ');
      }
    }
    return words.charAt(words.length() - 1) == ' '
        ? words.toString()
        : words.append(' ').toString();
  }

  private static boolean hasAny(String words, String[] needles) {
    for (String needle : needles) {
      if (words.contains(needle)) {
        return true;
      }
    }
    return false;
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

  private static double industry(String industry) {
    if (oneOf(industry, TECH)) {
      return 10;
    } else if (oneOf(industry, FINANCE)) {
      return 7;
    }
    return oneOf(industry, OTHER) ? 4 : 0;
  }

  private static double country(String country) {
    return oneOf(country, COUNTRIES) ? 5 : 0;
  }

  private static boolean oneOf(String text, String[] values) {
    if (text != null) {
      for (String value : values) {
        if (text.equalsIgnoreCase(value)) {
          return true;
        }
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

  private static String text(Lead lead, String name) {
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
