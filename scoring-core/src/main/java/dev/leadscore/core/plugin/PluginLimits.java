package dev.leadscore.core.plugin;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The limits each plugin-directory plugin runs within; every plugin gets its own {@link
 * PluginExecutor} with these limits.
 *
 * @param criterionTimeout the longest one criterion may run for one lead, further capped by the
 *     call's deadline; {@link Duration#ZERO} runs criteria and factories on the caller's thread
 *     without any limit (and without quarantine), for plugins the operator trusts
 * @param threads the threads of each plugin's pool: the most of its criteria that run at once
 * @param factoryTimeout the longest a factory's {@code create} may take (compiling a model, e.g.
 *     for ValidateModel or PublishModel), further capped by the call's deadline
 * @param quarantineAfter consecutive timeouts of one plugin after which it is quarantined: its
 *     calls fail at once without running; 0 never quarantines
 * @param quarantinePeriod how long a quarantined plugin waits before one trial call may run (and
 *     only once every call it timed out on has returned its thread)
 */
public record PluginLimits(
    Duration criterionTimeout,
    int threads,
    Duration factoryTimeout,
    int quarantineAfter,
    Duration quarantinePeriod) {

  /**
   * 1 s per criterion, 32 threads per plugin, 10 s per factory, quarantine after 5 timeouts for 30
   * s.
   */
  public static PluginLimits defaults() {
    return new PluginLimits(
        Duration.ofSeconds(1), 32, Duration.ofSeconds(10), 5, Duration.ofSeconds(30));
  }

  /**
   * @throws IllegalArgumentException naming the setting out of range
   */
  public PluginLimits {
    requireNonNull(criterionTimeout, "criterionTimeout");
    requireNonNull(factoryTimeout, "factoryTimeout");
    requireNonNull(quarantinePeriod, "quarantinePeriod");
    if (criterionTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "criterion timeout: " + criterionTimeout + " (expected: >= 0s)");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("plugin threads: " + threads + " (expected: >= 1)");
    }
    if (factoryTimeout.isNegative() || factoryTimeout.isZero()) {
      throw new IllegalArgumentException(
          "factory timeout: " + factoryTimeout + " (expected: > 0s)");
    }
    if (quarantineAfter < 0) {
      throw new IllegalArgumentException(
          "quarantine after: " + quarantineAfter + " timeouts (expected: >= 0)");
    }
    if (quarantinePeriod.isNegative()) {
      throw new IllegalArgumentException(
          "quarantine period: " + quarantinePeriod + " (expected: >= 0s)");
    }
  }

  /** These limits with another criterion timeout and thread count. */
  public PluginLimits withCriterionLimits(Duration timeout, int threadCount) {
    return new PluginLimits(
        timeout, threadCount, factoryTimeout, quarantineAfter, quarantinePeriod);
  }

  /** These limits with another factory timeout. */
  public PluginLimits withFactoryTimeout(Duration timeout) {
    return new PluginLimits(criterionTimeout, threads, timeout, quarantineAfter, quarantinePeriod);
  }

  /** These limits with another quarantine policy. */
  public PluginLimits withQuarantine(int afterTimeouts, Duration period) {
    return new PluginLimits(criterionTimeout, threads, factoryTimeout, afterTimeouts, period);
  }
}
