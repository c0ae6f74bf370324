package dev.leadscore.store.rocksdb;

import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadStoreProvider;
import java.nio.file.Path;

/** Opens {@code rocksdb:DIR}: the embedded store in directory {@code DIR}, created if missing. */
public final class RocksDbLeadStoreProvider implements LeadStoreProvider {
  static final String SCHEME = "rocksdb";

  /** Called by {@link java.util.ServiceLoader}. */
  public RocksDbLeadStoreProvider() {}

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public LeadStore open(String location, LeadStoreConfig config) {
    String directory = location.substring(SCHEME.length() + 1);
    if (directory.isBlank()) {
      throw new IllegalArgumentException(
          "store \"" + location + "\": no directory (expected: rocksdb:DIR)");
    }
    return RocksDbLeadStore.open(Path.of(directory), config);
  }
}
