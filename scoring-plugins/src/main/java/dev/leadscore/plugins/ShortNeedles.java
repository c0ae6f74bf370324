package dev.leadscore.plugins;

import dev.leadscore.api.CriterionConfig;
import java.util.List;

/**
 * Warns about {@code contains} needles so short that they match inside other words: {@code "cto"}
 * is in "director", {@code "coo"} in "coordinator". The warning names such a word when it knows
 * one, and suggests the {@code words} matcher.
 */
final class ShortNeedles {
  /** Needles with at most this many letters and digits are warned about. */
  static final int MAX_LETTERS = 3;

  /**
   * Words of job titles, industries and countries, the values {@code contains} is most used on; the
   * first one holding a short needle is the example in its warning. Best-known traps first.
   */
  private static final List<String> EXAMPLES =
      List.of(
          "director",
          "coordinator",
          "cook",
          "international",
          "account",
          "business",
          "customer",
          "digital",
          "engineering",
          "marketing",
          "manager",
          "management",
          "president",
          "operations",
          "executive",
          "officer",
          "analyst",
          "consultant",
          "specialist",
          "technology",
          "software",
          "services",
          "representative",
          "development",
          "administrator",
          "assistant",
          "associate",
          "architect",
          "product",
          "project",
          "research",
          "security",
          "strategy",
          "student",
          "teacher",
          "recruiter",
          "designer",
          "developer",
          "finance",
          "financial",
          "insurance",
          "banking",
          "healthcare",
          "manufacturing",
          "retail",
          "education",
          "logistics",
          "procurement",
          "purchasing",
          "supervisor",
          "technician",
          "chief",
          "head",
          "senior",
          "junior",
          "principal",
          "partner",
          "founder",
          "owner",
          "vice",
          "global",
          "regional",
          "national",
          "content",
          "communications",
          "community",
          "media",
          "data",
          "information",
          "network",
          "systems",
          "quality",
          "legal",
          "human",
          "resources",
          "people",
          "talent",
          "training",
          "support",
          "success",
          "sales",
          "leadership",
          "australia",
          "austria",
          "germany",
          "france",
          "netherlands",
          "united",
          "kingdom",
          "states",
          "russia",
          "belgium",
          "mexico");

  private ShortNeedles() {}

  /** Reports a warning at {@code key} if {@code needle}, lower-cased, is short. */
  static void warnIfShort(CriterionConfig config, String key, String needle) {
    long letters = needle.codePoints().filter(Character::isLetter).count();
    long length = needle.codePoints().filter(Character::isLetterOrDigit).count();
    if (length == 0 || length > MAX_LETTERS) {
      return;
    }
    String unit =
        letters == length
            ? (length == 1 ? "letter" : "letters")
            : (length == 1 ? "character" : "characters");
    String inside =
        EXAMPLES.stream()
            .filter(word -> word.contains(needle) && !word.equals(needle))
            .findFirst()
            .map(word -> "matches inside words such as \"" + word + "\"")
            .orElse("can match inside longer words");
    config.warning(
        key,
        "\""
            + needle
            + "\" is "
            + length
            + " "
            + unit
            + " and "
            + inside
            + " (expected: a word match, \"words\": [\""
            + needle.strip()
            + "\"])");
  }
}
