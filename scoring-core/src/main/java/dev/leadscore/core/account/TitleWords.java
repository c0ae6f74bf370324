package dev.leadscore.core.account;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Whole-word matching in job titles: text is lower-cased, stripped of accents, and every character
 * that is not a letter or a digit separates words, so "VP, Sales", "Vice-President" and "Directeur
 * Général" read as "vp sales", "vice president" and "directeur general". A needle matches when its
 * words appear consecutively as whole words: "cto" matches "CTO" but not "Director".
 */
final class TitleWords {
  private TitleWords() {}

  /** The normalized words of {@code text}, single-spaced, with a space before and after. */
  static String normalize(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder words = new StringBuilder(decomposed.length() + 2).append(' ');
    for (int i = 0; i < decomposed.length(); ) {
      int codePoint = decomposed.codePointAt(i);
      i += Character.charCount(codePoint);
      if (Character.getType(codePoint) == Character.NON_SPACING_MARK) {
        continue;
      }
      if (Character.isLetterOrDigit(codePoint)) {
        words.appendCodePoint(codePoint);
      } else if (words.charAt(words.length() - 1) != ' ') {
        words.append(' ');
      }
    }
    if (words.charAt(words.length() - 1) != ' ') {
      words.append(' ');
    }
    return words.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code normalizedTitle} contains {@code normalizedNeedle}, both from {@link
   * #normalize}.
   */
  static boolean contains(String normalizedTitle, String normalizedNeedle) {
    return normalizedNeedle.length() > 2 && normalizedTitle.contains(normalizedNeedle);
  }
}
