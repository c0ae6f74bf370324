package dev.leadscore.store.rocksdb;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.leadscore.store.rocksdb.proto.LeadHistory;
import org.jspecify.annotations.Nullable;

/**
 * The parsed histories of long leads (see {@link StoredLead}), so that an event of a lead with a
 * thousand retained events neither reads nor parses them: only the record's tail. Bounded by the
 * histories' serialized bytes; an entry is used only if its generation is the one the record names,
 * so a stale entry (a lost write, a deleted and recreated lead) is never read.
 *
 * <p>Only leads with a history are cached: short leads are cheaper to read than to keep, and a
 * cache of every record was measured to cost more in garbage collection than it saved (see
 * docs/PERFORMANCE.md).
 */
final class HistoryCache {
  /**
   * The default bound: serialized bytes of the cached histories. Parsed, a history takes about 5.3
   * times its serialized size in the heap (measured for 1,000 events and ids: 49.9 KB serialized,
   * 265 KB parsed), so a full cache holds about 85 MB: some 330 leads of 1,000 events.
   */
  static final long DEFAULT_MAX_BYTES = 16L << 20;

  private record Entry(LeadHistory history, int bytes) {}

  private final Cache<String, Entry> entries;

  HistoryCache(long maxBytes) {
    this.entries =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .<String, Entry>weigher((id, entry) -> entry.bytes())
            .build();
  }

  /** The lead's history of that generation, if cached. */
  @Nullable LeadHistory get(String leadId, long generation) {
    Entry entry = entries.getIfPresent(leadId);
    return entry != null && entry.history().getGeneration() == generation ? entry.history() : null;
  }

  void put(String leadId, LeadHistory history, int bytes) {
    entries.put(leadId, new Entry(history, bytes));
  }

  void remove(String leadId) {
    entries.invalidate(leadId);
  }
}
