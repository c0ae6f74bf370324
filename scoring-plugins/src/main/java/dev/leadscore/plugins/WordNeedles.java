package dev.leadscore.plugins;

import java.util.Arrays;

/**
 * The needles of one {@code words} case as word numbers of its criterion's {@link WordIndex}, laid
 * out so that finding the first needle (in list order) that a value has costs one array read per
 * word of the value, plus a scan per phrase: a needle of one word is found through a table indexed
 * by word number; only phrases are looked for position by position. Immutable.
 */
final class WordNeedles {
  private static final int NONE = Integer.MAX_VALUE;

  /** By word number: the first alternative that is exactly this word, or {@link #NONE}. */
  private final int[] firstByWord;

  /** The alternatives that are phrases, ascending, and their word numbers. */
  private final int[] phraseAlternatives;

  private final int[][] phrases;

  /**
   * @param needles each alternative's word numbers, in list order; none empty
   * @param words how many words the criterion's index has numbered so far, at least every number in
   *     {@code needles} plus one
   */
  WordNeedles(int[][] needles, int words) {
    firstByWord = new int[words];
    Arrays.fill(firstByWord, NONE);
    int[] phraseIndices = new int[needles.length];
    int phraseCount = 0;
    for (int i = 0; i < needles.length; i++) {
      if (needles[i].length == 1) {
        firstByWord[needles[i][0]] = Math.min(firstByWord[needles[i][0]], i);
      } else {
        phraseIndices[phraseCount++] = i;
      }
    }
    phraseAlternatives = Arrays.copyOf(phraseIndices, phraseCount);
    phrases = needles.clone();
  }

  /** Whether alternative {@code index} is a phrase of several words. */
  boolean isPhrase(int index) {
    return phrases[index].length > 1;
  }

  /**
   * The first alternative the value has, {@link AttributeMatcher#NO_MATCH} if none.
   *
   * @param words the value's word numbers, ending with {@link WordIndex#END}
   */
  int first(int[] words) {
    int best = NONE;
    for (int i = 0; words[i] != WordIndex.END; i++) {
      int word = words[i];
      // Words numbered after this case was read belong to later cases only.
      if (word >= 0 && word < firstByWord.length && firstByWord[word] < best) {
        best = firstByWord[word];
      }
    }
    for (int alternative : phraseAlternatives) {
      if (alternative > best) {
        break;
      }
      if (has(words, phrases[alternative])) {
        return alternative;
      }
    }
    return best == NONE ? AttributeMatcher.NO_MATCH : best;
  }

  private static boolean has(int[] words, int[] phrase) {
    for (int start = 0; words[start] != WordIndex.END; start++) {
      if (startsAt(words, start, phrase)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code phrase} is at {@code start}; {@code END} stops it, as no word equals it. */
  private static boolean startsAt(int[] words, int start, int[] phrase) {
    for (int k = 0; k < phrase.length; k++) {
      if (words[start + k] != phrase[k]) {
        return false;
      }
    }
    return true;
  }
}
