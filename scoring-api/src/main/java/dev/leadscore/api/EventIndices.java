package dev.leadscore.api;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The indices of some of a lead's events, ascending: what {@link LeadView#eventsOfType} returns.
 * Immutable; {@link #get} is a plain array read, so a criterion can walk only the events it looks
 * at instead of all of them.
 *
 * @since 0.2
 */
public final class EventIndices {
  private static final EventIndices NONE = new EventIndices(new int[0]);

  private final int[] indices;

  private EventIndices(int[] indices) {
    this.indices = indices;
  }

  /** No events. */
  public static EventIndices none() {
    return NONE;
  }

  /**
   * The given indices, copied.
   *
   * @throws IllegalArgumentException if an index is negative or they are not strictly ascending
   */
  public static EventIndices of(int... indices) {
    requireNonNull(indices, "indices");
    return of(indices, 0, indices.length);
  }

  /**
   * The indices in {@code array} from {@code from}, inclusive, to {@code to}, exclusive, copied.
   *
   * @throws IndexOutOfBoundsException if the range is not within the array
   * @throws IllegalArgumentException if an index is negative or they are not strictly ascending
   */
  public static EventIndices of(int[] array, int from, int to) {
    requireNonNull(array, "array");
    Objects.checkFromToIndex(from, to, array.length);
    for (int i = from; i < to; i++) {
      if (array[i] < 0 || (i > from && array[i] <= array[i - 1])) {
        throw new IllegalArgumentException(
            "indices: "
                + Arrays.toString(Arrays.copyOfRange(array, from, to))
                + " (expected: ascending, each >= 0)");
      }
    }
    return from == to ? NONE : new EventIndices(Arrays.copyOfRange(array, from, to));
  }

  /** How many events. */
  public int size() {
    return indices.length;
  }

  /** The event index at {@code position}, from 0 to {@link #size()} - 1. */
  public int get(int position) {
    return indices[position];
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof EventIndices that && Arrays.equals(indices, that.indices);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(indices);
  }

  @Override
  public String toString() {
    return Arrays.toString(indices);
  }
}
