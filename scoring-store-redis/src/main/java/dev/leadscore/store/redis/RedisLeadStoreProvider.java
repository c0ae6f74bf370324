package dev.leadscore.store.redis;

import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadStoreProvider;

/**
 * Opens {@code redis://host:port[,host:port…][?wait-replicas=N&key-prefix=NAME]}: a {@link
 * RedisLeadStore} on the Redis Cluster reachable through those seed nodes.
 *
 * @since 0.3
 */
public final class RedisLeadStoreProvider implements LeadStoreProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public RedisLeadStoreProvider() {}

  @Override
  public String scheme() {
    return RedisLocations.SCHEME;
  }

  @Override
  public LeadStore open(String location, LeadStoreConfig config) {
    return RedisLeadStore.open(RedisLocations.parse(location), config);
  }
}
