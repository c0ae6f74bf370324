package dev.leadscore.store.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the Redis Cluster is and how the store uses it. Built with {@link #builder}; every setting
 * but the nodes has a default.
 *
 * @param nodes seed nodes {@code host:port}; the client discovers the rest of the cluster
 * @param keyPrefix the namespace of every key, so several stores can share one cluster
 * @param partitions how many hash slots the leads are spread over; fixed for the life of the data
 * @param waitReplicas how many replicas must have a write (Redis {@code WAIT}) before an update
 *     completes; 0 completes once the primary applied it
 * @param waitTimeout how long {@code WAIT} waits for those replicas before the update fails
 * @param commandTimeout how long any Redis command may take before it fails
 * @param connectTimeout how long connecting to a node may take
 * @param maxRecordBytes the largest stored lead record (state + remembered event ids)
 * @param maxTransitionBytes the largest transition entry
 * @param maxLogEntries how many transitions the shared log keeps; older ones are trimmed
 * @param maxPendingTransitions how many transitions a partition holds before they reach the log;
 *     beyond it updates that change a band fail until the log catches up
 * @param maxConflictRetries how often an update is recomputed after another process changed the
 *     lead in between, before it fails
 * @param sweepInterval how often unrelayed transitions (left by a process that died between its two
 *     writes) are looked for and moved to the log
 * @param watchBlock how long one blocking read of the log for other processes' appends waits
 * @param maxQueuedCommands commands a connection queues while it reconnects before it refuses more
 * @since 0.2
 */
public record RedisLeadStoreConfig(
    List<String> nodes,
    String keyPrefix,
    int partitions,
    int waitReplicas,
    Duration waitTimeout,
    Duration commandTimeout,
    Duration connectTimeout,
    int maxRecordBytes,
    int maxTransitionBytes,
    int maxLogEntries,
    int maxPendingTransitions,
    int maxConflictRetries,
    Duration sweepInterval,
    Duration watchBlock,
    int maxQueuedCommands) {
  private static final Pattern NODE = Pattern.compile("[^\\s:/,]+:\\d{1,5}");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public RedisLeadStoreConfig {
    nodes = List.copyOf(requireNonNull(nodes, "nodes"));
    requireNonNull(keyPrefix, "keyPrefix");
    requireNonNull(waitTimeout, "waitTimeout");
    requireNonNull(commandTimeout, "commandTimeout");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(sweepInterval, "sweepInterval");
    requireNonNull(watchBlock, "watchBlock");
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("nodes: [] (expected: at least one host:port)");
    }
    for (String node : nodes) {
      if (!NODE.matcher(node).matches()) {
        throw new IllegalArgumentException("nodes: \"" + node + "\" (expected: host:port)");
      }
    }
    if (!PREFIX.matcher(keyPrefix).matches()) {
      throw new IllegalArgumentException(
          "keyPrefix: \"" + keyPrefix + "\" (expected: 1-64 of A-Z a-z 0-9 . _ -)");
    }
    atLeast("partitions", partitions, 1);
    atLeast("waitReplicas", waitReplicas, 0);
    atLeast("maxRecordBytes", maxRecordBytes, 1024);
    atLeast("maxTransitionBytes", maxTransitionBytes, 256);
    atLeast("maxLogEntries", maxLogEntries, 1);
    atLeast("maxPendingTransitions", maxPendingTransitions, 1);
    atLeast("maxConflictRetries", maxConflictRetries, 0);
    atLeast("maxQueuedCommands", maxQueuedCommands, 1);
    positive("waitTimeout", waitTimeout);
    positive("commandTimeout", commandTimeout);
    positive("connectTimeout", connectTimeout);
    positive("sweepInterval", sweepInterval);
    positive("watchBlock", watchBlock);
    if (partitions > 16384) {
      throw new IllegalArgumentException(
          "partitions: " + partitions + " (expected: <= 16384, the cluster's hash slots)");
    }
    if (waitReplicas > 0 && waitTimeout.compareTo(commandTimeout) >= 0) {
      throw new IllegalArgumentException(
          "waitTimeout: "
              + waitTimeout
              + " (expected: shorter than commandTimeout "
              + commandTimeout
              + ")");
    }
  }

  /** Settings with the defaults, for a cluster reachable through {@code nodes} (host:port). */
  public static Builder builder(List<String> nodes) {
    return new Builder(nodes);
  }

  private static void atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
    }
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }

  /** Builds a {@link RedisLeadStoreConfig}; each setter's argument is checked by {@link #build}. */
  public static final class Builder {
    private final List<String> nodes;
    private String keyPrefix = "leadscore";
    private int partitions = 128;
    private int waitReplicas;
    private Duration waitTimeout = Duration.ofSeconds(1);
    private Duration commandTimeout = Duration.ofSeconds(2);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private int maxRecordBytes = 4 << 20;
    private int maxTransitionBytes = 16 << 10;
    private int maxLogEntries = 1_000_000;
    private int maxPendingTransitions = 100_000;
    private int maxConflictRetries = 32;
    private Duration sweepInterval = Duration.ofSeconds(1);
    private Duration watchBlock = Duration.ofSeconds(5);
    private int maxQueuedCommands = 100_000;

    private Builder(List<String> nodes) {
      this.nodes = List.copyOf(requireNonNull(nodes, "nodes"));
    }

    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    public Builder waitReplicas(int waitReplicas) {
      this.waitReplicas = waitReplicas;
      return this;
    }

    public Builder waitTimeout(Duration waitTimeout) {
      this.waitTimeout = waitTimeout;
      return this;
    }

    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = commandTimeout;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder maxRecordBytes(int maxRecordBytes) {
      this.maxRecordBytes = maxRecordBytes;
      return this;
    }

    public Builder maxTransitionBytes(int maxTransitionBytes) {
      this.maxTransitionBytes = maxTransitionBytes;
      return this;
    }

    public Builder maxLogEntries(int maxLogEntries) {
      this.maxLogEntries = maxLogEntries;
      return this;
    }

    public Builder maxPendingTransitions(int maxPendingTransitions) {
      this.maxPendingTransitions = maxPendingTransitions;
      return this;
    }

    public Builder maxConflictRetries(int maxConflictRetries) {
      this.maxConflictRetries = maxConflictRetries;
      return this;
    }

    public Builder sweepInterval(Duration sweepInterval) {
      this.sweepInterval = sweepInterval;
      return this;
    }

    public Builder watchBlock(Duration watchBlock) {
      this.watchBlock = watchBlock;
      return this;
    }

    public Builder maxQueuedCommands(int maxQueuedCommands) {
      this.maxQueuedCommands = maxQueuedCommands;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public RedisLeadStoreConfig build() {
      return new RedisLeadStoreConfig(
          nodes,
          keyPrefix,
          partitions,
          waitReplicas,
          waitTimeout,
          commandTimeout,
          connectTimeout,
          maxRecordBytes,
          maxTransitionBytes,
          maxLogEntries,
          maxPendingTransitions,
          maxConflictRetries,
          sweepInterval,
          watchBlock,
          maxQueuedCommands);
    }
  }
}
