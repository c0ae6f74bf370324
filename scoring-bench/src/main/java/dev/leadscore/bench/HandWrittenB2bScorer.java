package dev.leadscore.bench;

import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import java.text.Normalizer;
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

  private static final int INTERN = 1;
  private static final int SENIOR = 2;
  private static final int DIRECTOR = 4;
  private static final int MANAGER = 8;
  private static final int STUDENT = 16;

  /**
   * The job title's points: every word of the title (as the engine folds it) is classified once by
   * a switch, with the previous word for the phrases; the first case in the model's order wins.
   */
  private static double jobTitle(@Nullable String raw) {
    if (raw == null) {
      return 0;
    }
    String title = fold(raw);
    int found = 0;
    String previous = "";
    int start = -1;
    for (int i = 0; i <= title.length(); i++) {
      boolean wordChar = i < title.length() && title.charAt(i) != ' ';
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        String word = title.substring(start, i);
        found |= classify(previous, word);
        previous = word;
        start = -1;
      }
    }
    if ((found & INTERN) != 0) {
      return -15;
    } else if ((found & SENIOR) != 0) {
      return 20;
    } else if ((found & DIRECTOR) != 0) {
      return 15;
    } else if ((found & MANAGER) != 0) {
      return 10;
    }
    return (found & STUDENT) != 0 ? -15 : 0;
  }

  private static int classify(String previous, String word) {
    return switch (word) {
      case "intern",
          "interns",
          "internship",
          "werkstudent",
          "praktikant",
          "praktikantin",
          "stagiaire",
          "becario",
          "becaria" ->
          INTERN;
      case "chief",
          "ceo",
          "cto",
          "cfo",
          "cmo",
          "coo",
          "cio",
          "ciso",
          "founder",
          "cofounder",
          "president",
          "presidente",
          "vp",
          "svp",
          "evp",
          "avp",
          "head",
          "geschaftsfuhrer",
          "geschaftsfuhrerin" ->
          SENIOR;
      case "p" -> previous.equals("v") ? SENIOR : 0;
      case "partner" -> previous.equals("managing") ? SENIOR : 0;
      case "general" ->
          switch (previous) {
            case "directeur", "director", "directora" -> SENIOR;
            default -> 0;
          };
      case "director" -> previous.equals("managing") ? SENIOR | DIRECTOR : DIRECTOR;
      case "directora",
          "directeur",
          "directrice",
          "direktor",
          "direktorin",
          "diretor",
          "diretora",
          "dir" ->
          DIRECTOR;
      case "manager", "mgr", "gerente", "lead", "leader", "supervisor" -> MANAGER;
      case "student" -> previous.equals("working") ? INTERN | STUDENT : STUDENT;
      case "students", "estudiante" -> STUDENT;
      default -> 0;
    };
  }

  /**
   * {@code text} lower-cased with a space for every character that is not a letter or digit; a
   * non-ASCII text is first decomposed (NFKD) and stripped of combining marks, so "Général" is
   * "general".
   */
  private static String fold(String text) {
    char[] folded = new char[text.length()];
    for (int i = 0; i < folded.length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return foldUnicode(text);
      }
      boolean lower = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
      folded[i] = lower ? c : c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : ' ';
    }
    return new String(folded);
  }

  private static String foldUnicode(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder folded = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); ) {
      int c = decomposed.codePointAt(i);
      i += Character.charCount(c);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
        continue;
      }
      boolean wordChar = Character.isLetterOrDigit(c) || type == Character.COMBINING_SPACING_MARK;
      folded.appendCodePoint(wordChar ? Character.toLowerCase(Character.toUpperCase(c)) : ' ');
    }
    return folded.toString();
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
