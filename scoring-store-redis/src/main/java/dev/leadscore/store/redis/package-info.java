/**
 * A {@link dev.leadscore.core.state.LeadStore} on Redis Cluster, through the Lettuce client, that
 * several server replicas share: {@link dev.leadscore.store.redis.RedisLeadStore} and its settings
 * {@link dev.leadscore.store.redis.RedisLeadStoreConfig}. Everything else in the package is its
 * implementation.
 */
@NullMarked
package dev.leadscore.store.redis;

import org.jspecify.annotations.NullMarked;
