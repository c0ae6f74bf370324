package dev.leadscore.store.redis;

import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadStoreContractTest;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisLeadStoreTest extends LeadStoreContractTest {
  @RegisterExtension static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

  /** Each test its own namespace; every store a test opens shares it. */
  private final String prefix = "t" + Long.toHexString(ThreadLocalRandom.current().nextLong());

  @Override
  protected LeadStore open(LeadStoreConfig config) {
    return RedisLeadStore.open(
        RedisLeadStoreConfig.builder(CLUSTER.nodes()).keyPrefix(prefix).partitions(16).build(),
        config);
  }
}
