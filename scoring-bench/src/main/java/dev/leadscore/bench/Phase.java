package dev.leadscore.bench;

import org.HdrHistogram.Histogram;

/**
 * What one measured phase of the load generator saw.
 *
 * @param name what was called
 * @param calls calls (unary) or messages (streams) answered
 * @param errors calls that failed
 * @param seconds from the first request to the last answer
 * @param latency per call or message, in nanoseconds
 */
record Phase(String name, long calls, long errors, double seconds, Histogram latency) {

  double perSecond() {
    return calls / seconds;
  }

  double p50Micros() {
    return latency.getValueAtPercentile(50) / 1000.0;
  }

  double p99Micros() {
    return latency.getValueAtPercentile(99) / 1000.0;
  }

  /** This phase's calls and latencies added to {@code other}'s. */
  Phase plus(Phase other) {
    Histogram both = latency.copy();
    both.add(other.latency);
    return new Phase(
        name, calls + other.calls, errors + other.errors, seconds + other.seconds, both);
  }
}
