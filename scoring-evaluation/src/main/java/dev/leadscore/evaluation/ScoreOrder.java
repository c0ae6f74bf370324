package dev.leadscore.evaluation;

/**
 * Lead indices by score, highest first, without boxing: a bottom-up merge sort of an {@code int[]}
 * keyed by the scores. Stable, so leads with equal scores keep their order.
 */
final class ScoreOrder {
  private ScoreOrder() {}

  static int[] descending(double[] scores) {
    int n = scores.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int[] buffer = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int from = 0; from < n - width; from += 2 * width) {
        merge(scores, order, buffer, from, from + width, Math.min(from + 2 * width, n));
      }
    }
    return order;
  }

  private static void merge(double[] scores, int[] order, int[] buffer, int from, int mid, int to) {
    System.arraycopy(order, from, buffer, from, to - from);
    int left = from;
    int right = mid;
    for (int k = from; k < to; k++) {
      if (right >= to
          || (left < mid && Double.compare(scores[buffer[left]], scores[buffer[right]]) >= 0)) {
        order[k] = buffer[left++];
      } else {
        order[k] = buffer[right++];
      }
    }
  }
}
