package dev.leadscore.plugins;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code one_of} needles of all cases of one {@code attribute} criterion in one hash table, so
 * a value is folded and looked up once per lead instead of compared with every needle of every
 * case. Answers which cases the value matches as a bit set.
 *
 * <p>Only ASCII needles are in the table and only ASCII values are looked up: for those, {@link
 * String#equalsIgnoreCase} is equality after ASCII lower-casing. A case with a non-ASCII needle
 * (which an ASCII value can equal ignoring case, e.g. the Kelvin sign and {@code k}), a case past
 * the 63rd, and every case when the value has a non-ASCII character are left to their matcher.
 * Immutable.
 */
final class OneOfIndex {
  /** Returned by {@link #match} when the value is not ASCII: ask every matcher. */
  static final long UNKNOWN = -1L;

  // 63, so that no set of cases is all 64 bits, which is UNKNOWN.
  private static final int MAX_CASES = 63;

  private final boolean[] indexed;
  private final String[] keys;
  private final int[] hashes;
  private final long[] cases;
  private final int mask;

  private OneOfIndex(boolean[] indexed, List<String> needles, List<Long> needleCases) {
    this.indexed = indexed;
    int size = Integer.highestOneBit(Math.max(4, needles.size() * 2 - 1)) << 1;
    this.keys = new String[size];
    this.hashes = new int[size];
    this.cases = new long[size];
    this.mask = size - 1;
    for (int n = 0; n < needles.size(); n++) {
      String needle = needles.get(n);
      int hash = needle.hashCode();
      int slot = hash & mask;
      while (keys[slot] != null && !keys[slot].equals(needle)) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = needle;
      hashes[slot] = hash;
      cases[slot] |= needleCases.get(n);
    }
  }

  /** The index of the {@code one_of} cases among {@code matchers}; {@code null} if none is. */
  static @Nullable OneOfIndex of(List<AttributeMatcher> matchers) {
    boolean[] indexed = new boolean[matchers.size()];
    List<String> needles = new ArrayList<>();
    List<Long> needleCases = new ArrayList<>();
    boolean any = false;
    for (int i = 0; i < matchers.size() && i < MAX_CASES; i++) {
      if (matchers.get(i) instanceof AttributeMatcher.OneOf oneOf
          && oneOf.needles().stream().allMatch(OneOfIndex::ascii)) {
        indexed[i] = true;
        any = true;
        for (String needle : oneOf.needles()) {
          needles.add(needle);
          needleCases.add(1L << i);
        }
      }
    }
    return any ? new OneOfIndex(indexed, needles, needleCases) : null;
  }

  /** Whether case {@code i}'s answer is in {@link #match}'s bits. */
  boolean indexed(int i) {
    return indexed[i];
  }

  /**
   * The indexed cases {@code text} equals a needle of, bit {@code i} for case {@code i}; {@link
   * #UNKNOWN} when {@code text} has a non-ASCII character.
   */
  long match(String text) {
    int hash = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return UNKNOWN;
      }
      hash = 31 * hash + lower(c);
    }
    for (int slot = hash & mask; keys[slot] != null; slot = (slot + 1) & mask) {
      if (hashes[slot] == hash && sameFolded(keys[slot], text)) {
        return cases[slot];
      }
    }
    return 0;
  }

  private static boolean sameFolded(String key, String text) {
    if (key.length() != text.length()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) != lower(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static boolean ascii(String needle) {
    for (int i = 0; i < needle.length(); i++) {
      if (needle.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
