package dev.leadscore.plugins;

import dev.leadscore.api.AttributeType;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The test one {@code attribute} case applies to the attribute's value. The criterion reads the
 * value once per lead and hands every matcher its type and, for strings, numbers and booleans, the
 * value itself, and the value's words once if any case matches words, so matching does no lookups
 * and allocates nothing.
 *
 * <p>A matcher may have several alternatives (the needles of {@code contains} and {@code words}):
 * {@link #match} says which one matched so the reason can name it.
 */
sealed interface AttributeMatcher {

  /** Returned by {@link #match} when the value does not match. */
  int NO_MATCH = -1;

  /**
   * Which alternative the value matches, {@link #NO_MATCH} if none.
   *
   * @param text the value if it is a string
   * @param number the value if it is a number, else NaN
   * @param bool the value if it is a boolean
   * @param words the value's words as numbered by the criterion's {@link WordIndex}, ending with
   *     {@link WordIndex#END}; just {@code END} when the value is no string or no case uses words
   */
  int match(
      AttributeType type,
      @Nullable String text,
      double number,
      @Nullable Boolean bool,
      int[] words);

  /** How many alternatives {@link #describe} can be asked about. */
  default int alternatives() {
    return 1;
  }

  /** The test for people, e.g. {@code contains "vp"}, naming alternative {@code index}. */
  String describe(int index);

  /** The attribute type this matcher compares with, {@code null} when it only tests presence. */
  @Nullable AttributeType expectedType();

  /** {@code equals} with a string: case-insensitive equality. */
  record EqualsText(String needle) implements AttributeMatcher {
    @Override
    public int match(
        AttributeType type,
        @Nullable String text,
        double number,
        @Nullable Boolean bool,
        int[] words) {
      return text != null && text.equalsIgnoreCase(needle) ? 0 : NO_MATCH;
    }

    @Override
    public String describe(int index) {
      return "is \"" + needle + "\"";
    }

    @Override
    public AttributeType expectedType() {
      return AttributeType.STRING;
    }
  }

  /** {@code equals} with a number. */
  record EqualsNumber(double value) implements AttributeMatcher {
    @Override
    public int match(
        AttributeType type,
        @Nullable String text,
        double number,
        @Nullable Boolean bool,
        int[] words) {
      return number == value ? 0 : NO_MATCH;
    }

    @Override
    public String describe(int index) {
      return "is " + Reasons.number(value);
    }

    @Override
    public AttributeType expectedType() {
      return AttributeType.NUMBER;
    }
  }

  /** {@code equals} with a boolean. */
  record EqualsBoolean(boolean value) implements AttributeMatcher {
    @Override
    public int match(
        AttributeType type,
        @Nullable String text,
        double number,
        @Nullable Boolean bool,
        int[] words) {
      return bool != null && bool == value ? 0 : NO_MATCH;
    }

    @Override
    public String describe(int index) {
      return "is " + value;
    }

    @Override
    public AttributeType expectedType() {
      return AttributeType.BOOLEAN;
    }
  }

  /** {@code one_of}: case-insensitive equality with any of the lower-cased needles. */
  record OneOf(List<String> needles) implements AttributeMatcher {
    @Override
    public int match(
        AttributeType type,
        @Nullable String text,
        double number,
        @Nullable Boolean bool,
        int[] words) {
      if (text != null) {
        for (int i = 0; i < needles.size(); i++) {
          if (text.equalsIgnoreCase(needles.get(i))) {
            return 0;
          }
        }
      }
      return NO_MATCH;
    }

    @Override
    public String describe(int index) {
      return "is one of [" + Reasons.list(needles) + "]";
    }

    @Override
    public AttributeType expectedType() {
      return AttributeType.STRING;
    }
  }

  /**
   * {@code contains}: a case-insensitive substring, any of the lower-cased needles. An ASCII value
   * is lower-cased once and searched with {@link String#indexOf}, which is much faster than
   * comparing case-insensitively at every position; for ASCII both give the same answer, and any
   * other value is compared character by character as {@link String#regionMatches} does.
   */
  record Contains(List<String> needles, boolean asciiNeedles) implements AttributeMatcher {
    Contains(List<String> needles) {
      this(needles, needles.stream().allMatch(Contains::isAscii));
    }

    @Override
    public int match(
        AttributeType type,
        @Nullable String text,
        double number,
        @Nullable Boolean bool,
        int[] words) {
      if (text != null) {
        String folded = asciiNeedles ? foldAscii(text) : null;
        for (int i = 0; i < needles.size(); i++) {
          if (folded != null
              ? folded.contains(needles.get(i))
              : containsIgnoreCase(text, needles.get(i))) {
            return i;
          }
        }
      }
      return NO_MATCH;
    }

    /** {@code text} lower-cased if it is all ASCII, else {@code null}. */
    static @Nullable String foldAscii(String text) {
      boolean upper = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c >= 0x80) {
          return null;
        }
        upper |= c >= 'A' && c <= 'Z';
      }
      return upper ? text.toLowerCase(Locale.ROOT) : text;
    }

    private static boolean isAscii(String text) {
      return text.chars().allMatch(c -> c < 0x80);
    }

    private static boolean containsIgnoreCase(String text, String needle) {
      int last = text.length() - needle.length();
      for (int start = 0; start <= last; start++) {
        if (text.regionMatches(true, start, needle, 0, needle.length())) {
          return true;
        }
      }
      return false;
    }

    @Override
    public int alternatives() {
      return needles.size();
    }

    @Override
    public String describe(int index) {
      return "contains \"" + needles.get(index) + "\"";
    }

    @Override
    public AttributeType expectedType() {
      return AttributeType.STRING;
    }
  }

  /**
   * {@code words}: the value has one of the needles as a whole word, or as consecutive words for a
   * phrase, compared folded (see {@link WordIndex}).
   *
   * @param needles the needles as configured, lower-cased, for reasons
   * @param compiled the same needles as word numbers of the criterion's {@link WordIndex}
   */
  record Words(List<String> needles, WordNeedles compiled) implements AttributeMatcher {
    @Override
    public int match(
        AttributeType type,
        @Nullable String text,
        double number,
        @Nullable Boolean bool,
        int[] words) {
      return compiled.first(words);
    }

    @Override
    public int alternatives() {
      return needles.size();
    }

    @Override
    public String describe(int index) {
      String kind = compiled.isPhrase(index) ? "has the phrase \"" : "has the word \"";
      return kind + needles.get(index) + "\"";
    }

    @Override
    public AttributeType expectedType() {
      return AttributeType.STRING;
    }
  }

  /** {@code min}/{@code max}: min inclusive, max exclusive; an absent bound is infinite. */
  record Range(double min, double max) implements AttributeMatcher {
    @Override
    public int match(
        AttributeType type,
        @Nullable String text,
        double number,
        @Nullable Boolean bool,
        int[] words) {
      // NaN (no number) fails both comparisons.
      return number >= min && number < max ? 0 : NO_MATCH;
    }

    @Override
    public String describe(int index) {
      if (min == Double.NEGATIVE_INFINITY) {
        return "< " + Reasons.number(max);
      }
      if (max == Double.POSITIVE_INFINITY) {
        return ">= " + Reasons.number(min);
      }
      return "in [" + Reasons.number(min) + ", " + Reasons.number(max) + ")";
    }

    @Override
    public AttributeType expectedType() {
      return AttributeType.NUMBER;
    }
  }

  /** {@code present} ({@code true}) or {@code missing} ({@code false}); null counts as missing. */
  record Presence(boolean present) implements AttributeMatcher {
    @Override
    public int match(
        AttributeType type,
        @Nullable String text,
        double number,
        @Nullable Boolean bool,
        int[] words) {
      boolean isPresent = type != AttributeType.MISSING && type != AttributeType.NULL;
      return isPresent == present ? 0 : NO_MATCH;
    }

    @Override
    public String describe(int index) {
      return present ? "is present" : "is missing";
    }

    @Override
    public @Nullable AttributeType expectedType() {
      return null;
    }
  }
}
