package dev.leadscore.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The gRPC service config of a leadscore channel, as grpc-java takes it: a JSON-shaped map whose
 * numbers are {@code Double}s and durations strings like {@code "5s"}.
 *
 * <p>Why these values: once warm, a {@code Score} answers in milliseconds, but the first call of a
 * new client JVM against a newly started server took 0.6-2.4 s in our measurements (class loading
 * and JIT on both sides, on a busy 2-core machine), and over 5 s at a load average of 17 on those 2
 * cores, so unary calls get {@link LeadscoreChannels#DEFAULT_CALL_TIMEOUT}, and batches and writes
 * twice that. Only calls that can be repeated without changing anything are retried, and only on
 * {@code UNAVAILABLE} (the server was not reached, or refused the call while draining): a retried
 * {@code StreamEvents} input could be applied twice, and {@code RESOURCE_EXHAUSTED} is the server
 * asking for less load, not more. Streams get no deadline: they live as long as the caller keeps
 * them.
 */
final class ServiceConfigs {
  static final String SCORING = "leadscore.v1.ScoringService";
  static final String MODELS = "leadscore.v1.ModelService";

  /** Idempotent unary calls: a deadline and retries. */
  static final List<String> READS_SCORING = List.of("Score", "GetLead");

  static final List<String> READS_MODELS =
      List.of("GetModel", "ListModels", "ValidateModel", "ListCriterionTypes", "GetExperiment");

  /** Unary calls that change state: a deadline, never a retry. */
  static final List<String> WRITES_SCORING = List.of("DeleteLead");

  static final List<String> WRITES_MODELS =
      List.of("PublishModel", "SetLabel", "DeleteLabel", "SetExperiment", "DeleteExperiment");

  private ServiceConfigs() {}

  static Map<String, Object> of(Duration callTimeout, boolean retries) {
    String unary = seconds(callTimeout);
    String longer = seconds(callTimeout.multipliedBy(2));
    Map<String, Object> retryPolicy =
        Map.of(
            "maxAttempts",
            3.0,
            "initialBackoff",
            "0.2s",
            "maxBackoff",
            "2s",
            "backoffMultiplier",
            2.0,
            "retryableStatusCodes",
            List.of("UNAVAILABLE"));
    List<Object> methodConfigs =
        List.of(
            method(
                names(SCORING, READS_SCORING, MODELS, READS_MODELS), unary, retries, retryPolicy),
            method(names(SCORING, List.of("ScoreBatch")), longer, retries, retryPolicy),
            method(
                names(SCORING, WRITES_SCORING, MODELS, WRITES_MODELS), longer, false, retryPolicy));
    return Map.of(
        "methodConfig",
        methodConfigs,
        // At most one retry per ten successful calls once failures pile up: a server in trouble
        // is not sent three times its load.
        "retryThrottling",
        Map.of("maxTokens", 10.0, "tokenRatio", 0.1));
  }

  private static Map<String, Object> method(
      List<Object> names, String timeout, boolean retry, Map<String, Object> retryPolicy) {
    return retry
        ? Map.of("name", names, "timeout", timeout, "retryPolicy", retryPolicy)
        : Map.of("name", names, "timeout", timeout);
  }

  private static List<Object> names(String service, List<String> methods) {
    return methods.stream().<Object>map(m -> Map.of("service", service, "method", m)).toList();
  }

  private static List<Object> names(
      String service, List<String> methods, String other, List<String> otherMethods) {
    List<Object> all = new java.util.ArrayList<>(names(service, methods));
    all.addAll(names(other, otherMethods));
    return List.copyOf(all);
  }

  private static String seconds(Duration duration) {
    return java.math.BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString()
        + "s";
  }
}
