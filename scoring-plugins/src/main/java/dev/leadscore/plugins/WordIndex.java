package dev.leadscore.plugins;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The words the {@code words} cases of one {@code attribute} criterion look for, numbered, and the
 * tokenizer that turns a value into those numbers once per lead.
 *
 * <p>Design notes. Text is compared folded: decomposed (NFKD: "é" becomes "e" and a combining
 * accent, "ﬁ" becomes "fi", full-width letters become ASCII), combining marks dropped, lower-cased;
 * every run of letters and digits is a word and everything else separates words ("VP, Sales" is
 * [vp, sales], "Vice-President" is [vice, president]). The needles are folded when the model is
 * compiled, and each distinct word gets a number. Per lead, {@link #tokenize} walks the value once
 * and writes, for each of its words, that number or {@link #UNKNOWN}; each case's {@link
 * WordNeedles} then reads a table per word and compares phrases as consecutive numbers, so no
 * needle is searched in the text. An ASCII value is folded on the fly (NFKD changes nothing in
 * ASCII), hashing each word as {@link String#hashCode} would hash it lower-cased, so a word is
 * found in a small open-addressing table without building a string; only a value with a non-ASCII
 * character is normalised first, once.
 *
 * <p>Immutable and thread-safe once built.
 */
final class WordIndex {
  /** Marks the end of the words of a value in the array {@link #tokenize} returns. */
  static final int END = -2;

  /** A word of the value that no needle has. */
  static final int UNKNOWN = -1;

  /** What a value without words, or a criterion without {@code words} cases, passes to matchers. */
  static final int[] NO_WORDS = {END};

  /** Lower-cased ASCII letters and digits by char; 0 for every other ASCII char (a separator). */
  private static final char[] ASCII = asciiTable();

  private final String[] keys;
  private final int[] hashes;
  private final int[] ids;
  private final int mask;

  private WordIndex(Map<String, Integer> words) {
    int capacity = Integer.highestOneBit(Math.max(4, words.size() * 2 - 1)) << 1;
    keys = new String[capacity];
    hashes = new int[capacity];
    ids = new int[capacity];
    mask = capacity - 1;
    words.forEach(
        (word, id) -> {
          int slot = word.hashCode() & mask;
          while (keys[slot] != null) {
            slot = (slot + 1) & mask;
          }
          keys[slot] = word;
          hashes[slot] = word.hashCode();
          ids[slot] = id;
        });
  }

  /** Numbers words while the cases of one criterion are read, then builds the index. */
  static final class Builder {
    private final Map<String, Integer> words = new HashMap<>();

    /** The numbers of a needle's words, or an empty array if the needle has no letter or digit. */
    int[] phrase(String needle) {
      List<String> tokens = words(needle);
      int[] phrase = new int[tokens.size()];
      for (int i = 0; i < phrase.length; i++) {
        phrase[i] = words.computeIfAbsent(tokens.get(i), word -> words.size());
      }
      return phrase;
    }

    /** How many distinct words the needles so far have; they are numbered from 0. */
    int size() {
      return words.size();
    }

    /** The index, or {@code null} when no needle was added. */
    @Nullable WordIndex build() {
      return words.isEmpty() ? null : new WordIndex(words);
    }
  }

  /** The folded words of {@code text}, e.g. [directeur, general] for "Directeur-Général". */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String word : fold(text).split(" ")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  /**
   * The number of each word of {@code text}, in order ({@link #UNKNOWN} for a word no needle has),
   * followed by {@link #END}.
   */
  int[] tokenize(String text) {
    return tokenize(text, false);
  }

  /**
   * One pass over {@code text}: ASCII is folded on the fly; the first other character restarts the
   * pass on the folded text, whose non-ASCII characters are all parts of words.
   */
  private int[] tokenize(String text, boolean folded) {
    int[] out = new int[8];
    int count = 0;
    int start = -1;
    int hash = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (c >= 0x80 && !folded) {
        return tokenize(fold(text), true);
      }
      char lower = c < 0x80 ? ASCII[c] : c;
      if (lower != 0) {
        if (start < 0) {
          start = i;
          hash = 0;
        }
        hash = 31 * hash + lower;
      } else if (start >= 0) {
        if (count + 1 == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        out[count++] = find(text, start, i, hash);
        start = -1;
      }
    }
    out[count] = END;
    return out;
  }

  /** The number of the word {@code text[start, end)}, whose folded hash is {@code hash}. */
  private int find(String text, int start, int end, int hash) {
    for (int slot = hash & mask; keys[slot] != null; slot = (slot + 1) & mask) {
      if (hashes[slot] == hash && sameWord(keys[slot], text, start, end)) {
        return ids[slot];
      }
    }
    return UNKNOWN;
  }

  private static boolean sameWord(String key, String text, int start, int end) {
    if (key.length() != end - start) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = text.charAt(start + i);
      if (key.charAt(i) != (c < 0x80 ? ASCII[c] : c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code text} decomposed (NFKD), without combining marks, lower-cased, with a space for every
   * character that is not part of a word. Words are letters, digits and the spacing marks some
   * scripts write vowels with.
   */
  static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder folded = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); ) {
      int c = decomposed.codePointAt(i);
      i += Character.charCount(c);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
        continue;
      }
      if (Character.isLetterOrDigit(c) || type == Character.COMBINING_SPACING_MARK) {
        // Upper then lower folds letters with several lower-case forms (final sigma, long s).
        folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c)));
      } else {
        folded.append(' ');
      }
    }
    return folded.toString();
  }

  private static char[] asciiTable() {
    char[] table = new char[0x80];
    for (char c = '0'; c <= '9'; c++) {
      table[c] = c;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      table[c] = c;
      table[c - 'a' + 'A'] = c;
    }
    return table;
  }
}
