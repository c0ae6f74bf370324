package dev.leadscore.store.redis;

import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.registry.ModelStore;
import dev.leadscore.core.registry.ModelStoreProvider;
import java.time.Clock;
import java.util.Map;

/**
 * Opens {@code redis://host:port[,host:port…][?wait-replicas=N&key-prefix=NAME]}: a {@link
 * RedisModelStore} on the Redis Cluster reachable through those seed nodes, the same location a
 * {@link RedisLeadStore} opens, so one location shares leads and models.
 *
 * @since 0.3
 */
public final class RedisModelStoreProvider implements ModelStoreProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public RedisModelStoreProvider() {}

  @Override
  public String scheme() {
    return RedisLocations.SCHEME;
  }

  @Override
  public ModelStore open(
      String location, ModelCompiler compiler, Map<String, byte[]> bundled, Clock clock) {
    return RedisModelStore.open(RedisLocations.parse(location), compiler, bundled, clock);
  }
}
