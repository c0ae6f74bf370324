/**
 * Leads and models on Redis Cluster, through the Lettuce client, shared by several server replicas:
 * {@link dev.leadscore.store.redis.RedisLeadStore} (a {@link dev.leadscore.core.state.LeadStore})
 * and {@link dev.leadscore.store.redis.RedisModelStore} (a {@link
 * dev.leadscore.core.registry.ModelStore}), their settings {@link
 * dev.leadscore.store.redis.RedisLeadStoreConfig}, and the providers that open both from one
 * location, {@code redis://host:port[,host:port…][?wait-replicas=N]}. Everything else in the
 * package is their implementation.
 */
@NullMarked
package dev.leadscore.store.redis;

import org.jspecify.annotations.NullMarked;
