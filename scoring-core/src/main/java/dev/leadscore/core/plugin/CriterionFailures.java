package dev.leadscore.core.plugin;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many times criteria of each type failed while scoring (threw, returned a non-finite number or
 * ran out of time), since start-up. Thread-safe and lock-free; counting costs nothing until a
 * criterion fails. A metrics exporter reads {@link #snapshot()}.
 */
public final class CriterionFailures {
  private final ImmutableSortedMap<String, LongAdder> counts;

  CriterionFailures(Collection<String> types) {
    ImmutableSortedMap.Builder<String, LongAdder> builder = ImmutableSortedMap.naturalOrder();
    types.forEach(type -> builder.put(type, new LongAdder()));
    this.counts = builder.buildOrThrow();
  }

  /**
   * Counts one failure of a criterion of {@code type}; types the registry does not know are
   * ignored.
   */
  public void record(String type) {
    requireNonNull(type, "type");
    LongAdder count = counts.get(type);
    if (count != null) {
      count.increment();
    }
  }

  /** The failures of criteria of {@code type} so far, 0 for an unknown type. */
  public long count(String type) {
    LongAdder count = counts.get(requireNonNull(type, "type"));
    return count == null ? 0 : count.sum();
  }

  /** Every known type with its failures so far, by type. */
  public ImmutableSortedMap<String, Long> snapshot() {
    ImmutableSortedMap.Builder<String, Long> builder = ImmutableSortedMap.naturalOrder();
    counts.forEach((type, count) -> builder.put(type, count.sum()));
    return builder.buildOrThrow();
  }
}
