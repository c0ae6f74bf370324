package dev.leadscore.cli;

import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStoreConfig;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code serve} options of the lead store behind the stateful calls. */
final class LeadStoreOptions {
  /** The most replicas a write may wait for: more than any sensible cluster has per primary. */
  static final int MAX_WAIT_REPLICAS = 16;

  private static final String REDIS = "redis://";

  @Option(
      names = "--store",
      paramLabel = "LOCATION",
      description =
          "Where the lead store is: rocksdb:DIR (embedded, one server) or"
              + " redis://host:port[,host:port...] (a Redis Cluster that several replicas share;"
              + " the models live there too unless --models is given). Default: rocksdb: and the"
              + " --data directory.")
  @Nullable String store;

  @Option(
      names = "--data",
      defaultValue = "data",
      description =
          "Directory of the embedded lead store for StreamEvents, GetLead, DeleteLead and"
              + " WatchTransitions, when --store is not given; created if missing.")
  Path data = Path.of("data");

  @Option(
      names = "--sync",
      defaultValue = "false",
      description =
          "fsync each lead store write before acknowledging it: survives power loss, not only a"
              + " crashed or killed process. rocksdb: only; Redis persists as the cluster is"
              + " configured (appendfsync).")
  boolean sync;

  @Option(
      names = "--redis-wait-replicas",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "With a redis:// store, acknowledge a write only once N Redis replicas have it too"
              + " (Redis WAIT): it then survives the loss of its primary. 0: once the primary"
              + " applied it.")
  int redisWaitReplicas;

  @Option(
      names = "--max-events-per-lead",
      defaultValue = "" + LeadStates.DEFAULT_MAX_EVENTS_PER_LEAD,
      description = "Events a stored lead keeps, the most recent by event time.")
  int maxEventsPerLead = LeadStates.DEFAULT_MAX_EVENTS_PER_LEAD;

  /** Whether the store is a Redis Cluster, whose location can also hold the models. */
  boolean shared() {
    return store != null && store.toLowerCase(Locale.ROOT).startsWith(REDIS);
  }

  /**
   * What is wrong with these options, or null.
   *
   * @return a message naming the option and what was expected
   */
  @Nullable String problem() {
    if (store != null && store.isBlank()) {
      return "--store: empty (expected: rocksdb:DIR or redis://host:port[,host:port...])";
    }
    if (redisWaitReplicas < 0 || redisWaitReplicas > MAX_WAIT_REPLICAS) {
      return "--redis-wait-replicas: "
          + redisWaitReplicas
          + " (expected: 0.."
          + MAX_WAIT_REPLICAS
          + ")";
    }
    if (redisWaitReplicas > 0 && !shared()) {
      return "--redis-wait-replicas: "
          + redisWaitReplicas
          + " (expected: 0 unless --store is redis://...)";
    }
    if (sync && shared()) {
      return "--sync: applies to rocksdb: stores only (expected: Redis durability from the"
          + " cluster's appendfsync setting and --redis-wait-replicas)";
    }
    return null;
  }

  /**
   * The store's location: {@code --store}, with {@code --redis-wait-replicas} as its {@code
   * wait-replicas} option; else {@code rocksdb:} and the absolute {@code --data} directory.
   */
  String location() {
    if (store == null) {
      return "rocksdb:" + data.toAbsolutePath();
    }
    if (redisWaitReplicas == 0) {
      return store;
    }
    return store + (store.indexOf('?') < 0 ? "?" : "&") + "wait-replicas=" + redisWaitReplicas;
  }

  /** Duplicate detection and durability settings. */
  LeadStoreConfig config() {
    return new LeadStoreConfig(LeadStoreConfig.DEFAULT_MAX_EVENT_IDS_PER_LEAD, sync);
  }
}
