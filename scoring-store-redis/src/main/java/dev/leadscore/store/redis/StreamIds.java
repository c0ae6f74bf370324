package dev.leadscore.store.redis;

/** Redis stream ids ({@code milliseconds-sequence}), compared as the pair of numbers they are. */
final class StreamIds {
  private StreamIds() {}

  static int compare(String a, String b) {
    int dashA = a.indexOf('-');
    int dashB = b.indexOf('-');
    int byTime = Long.compare(Long.parseLong(a, 0, dashA, 10), Long.parseLong(b, 0, dashB, 10));
    return byTime != 0
        ? byTime
        : Long.compare(
            Long.parseLong(a, dashA + 1, a.length(), 10),
            Long.parseLong(b, dashB + 1, b.length(), 10));
  }

  /** The sequence of a log entry, whose id is {@code SEQUENCE-0}. */
  static long sequence(String id) {
    return Long.parseLong(id, 0, id.indexOf('-'), 10);
  }
}
