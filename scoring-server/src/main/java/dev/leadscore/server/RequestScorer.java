package dev.leadscore.server;

import com.google.protobuf.Timestamp;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.lead.LeadValidation;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.registry.ModelSelector;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ScoreBatchRequest;
import dev.leadscore.proto.v1.ScoreBatchResponse;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import io.grpc.Context;
import io.grpc.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates and scores wire requests; shared by the unary, batch and streaming calls. Thread-safe.
 */
final class RequestScorer {
  private final ModelRegistry registry;
  private final Clock clock;
  private final ScoringMetrics metrics;

  RequestScorer(ModelRegistry registry, Clock clock, ScoringMetrics metrics) {
    this.registry = registry;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * @throws dev.leadscore.core.ScoringException for a bad request, an unknown model or a failing
   *     criterion or rule
   */
  ScoreResponse score(ScoreRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    ModelSelector selector = selector(request.getModel(), "model", violations);
    checkAsOf(request.hasAsOf(), request.getAsOf(), violations);
    if (!request.hasLead()) {
      violations.add(new FieldViolation("lead", "missing (expected: a lead)"));
    }
    failOn(violations);
    Resolution resolution = registry.resolve(selector, request.getLead().getId());
    CompiledModel model = resolution.model();
    LeadValidation.validate(request.getLead(), "lead", model.expectedAttributes(), violations);
    failOn(violations);
    long asOf = request.hasAsOf() ? millis(request.getAsOf()) : clock.millis();
    return ScoreResponses.toProto(
        metrics.score(
            model, new ProtoLeadView(request.getLead(), asOf), !request.getSkipExplanation()),
        resolution);
  }

  /**
   * Validates every lead first: a batch is scored whole or refused whole. Each lead is resolved on
   * its own, so a model's experiment assigns batch leads the arm it assigns them one by one.
   */
  ScoreBatchResponse scoreBatch(ScoreBatchRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    ModelSelector selector = selector(request.getModel(), "model", violations);
    checkAsOf(request.hasAsOf(), request.getAsOf(), violations);
    failOn(violations);
    List<Resolution> resolutions = new ArrayList<>(request.getLeadsCount());
    for (int i = 0; i < request.getLeadsCount(); i++) {
      Lead lead = request.getLeads(i);
      Resolution resolution = registry.resolve(selector, lead.getId());
      resolutions.add(resolution);
      LeadValidation.validate(
          lead, "leads[" + i + "]", resolution.model().expectedAttributes(), violations);
    }
    failOn(violations);
    long asOf = request.hasAsOf() ? millis(request.getAsOf()) : clock.millis();
    boolean explain = !request.getSkipExplanation();
    ScoreBatchResponse.Builder response = ScoreBatchResponse.newBuilder();
    Context context = Context.current();
    for (int i = 0; i < request.getLeadsCount(); i++) {
      if (context.isCancelled()) {
        throw Status.CANCELLED
            .withDescription("call cancelled or deadline exceeded")
            .asRuntimeException();
      }
      Resolution resolution = resolutions.get(i);
      response.addResults(
          ScoreResponses.toProto(
              metrics.score(
                  resolution.model(), new ProtoLeadView(request.getLeads(i), asOf), explain),
              resolution));
    }
    return response.build();
  }

  static ModelSelector selector(ModelRef ref, String path, List<FieldViolation> violations) {
    return switch (ref.getSelectorCase()) {
      case VERSION -> {
        if (ref.getVersion() <= 0) {
          violations.add(
              new FieldViolation(
                  path + ".version", ref.getVersion() + " (expected: a version >= 1)"));
          yield ModelSelector.defaultModel();
        }
        yield new ModelSelector(ref.getName(), ref.getVersion(), "");
      }
      case LABEL -> new ModelSelector(ref.getName(), 0, ref.getLabel());
      case SELECTOR_NOT_SET -> new ModelSelector(ref.getName(), 0, "");
    };
  }

  private static void checkAsOf(boolean present, Timestamp asOf, List<FieldViolation> violations) {
    if (present) {
      LeadValidation.checkTimestamp(asOf, "as_of", violations);
    }
  }

  private static void failOn(List<FieldViolation> violations) {
    if (!violations.isEmpty()) {
      throw ScoringStatuses.invalidRequest(violations);
    }
  }

  private static long millis(Timestamp time) {
    return time.getSeconds() * 1000L + time.getNanos() / 1_000_000;
  }
}
