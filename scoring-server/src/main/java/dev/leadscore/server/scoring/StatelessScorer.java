package dev.leadscore.server.scoring;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.lead.LeadValidation;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.registry.ModelSelector;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ScoreBatchRequest;
import dev.leadscore.proto.v1.ScoreBatchResponse;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.server.internal.Requests;
import dev.leadscore.server.internal.ScoreProtos;
import dev.leadscore.server.internal.ScoringMetrics;
import io.grpc.Context;
import io.grpc.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Stateless scoring: validates and scores requests that carry the whole lead, for {@code Score},
 * {@code ScoreBatch} and {@code ScoreStream}. Thread-safe.
 */
public final class StatelessScorer {
  private final ModelRegistry registry;
  private final Clock clock;
  private final ScoringMetrics metrics;

  public StatelessScorer(ModelRegistry registry, Clock clock, ScoringMetrics metrics) {
    this.registry = registry;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * @throws dev.leadscore.core.ScoringException for a bad request, an unknown model or a failing
   *     criterion or rule
   */
  public ScoreResponse score(ScoreRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    ModelSelector selector = Requests.selector(request.getModel(), "model", violations);
    Requests.checkAsOf(request.hasAsOf(), request.getAsOf(), "as_of", violations);
    if (!request.hasLead()) {
      violations.add(new FieldViolation("lead", "missing (expected: a lead)"));
    }
    Requests.failOn(violations);
    Resolution resolution = registry.resolve(selector, request.getLead().getId());
    CompiledModel model = resolution.model();
    Requests.requireLeadModel(model, "model");
    LeadValidation.validate(request.getLead(), "lead", model.expectedAttributes(), violations);
    Requests.failOn(violations);
    long asOf = request.hasAsOf() ? Requests.millis(request.getAsOf()) : clock.millis();
    return ScoreProtos.toProto(
        metrics.score(
            model, new ProtoLeadView(request.getLead(), asOf), !request.getSkipExplanation()),
        resolution);
  }

  /**
   * Validates every lead first: a batch is scored whole or refused whole. Each lead is resolved on
   * its own, so a model's experiment assigns batch leads the arm it assigns them one by one.
   */
  public ScoreBatchResponse scoreBatch(ScoreBatchRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    ModelSelector selector = Requests.selector(request.getModel(), "model", violations);
    Requests.checkAsOf(request.hasAsOf(), request.getAsOf(), "as_of", violations);
    Requests.failOn(violations);
    List<Resolution> resolutions = new ArrayList<>(request.getLeadsCount());
    for (int i = 0; i < request.getLeadsCount(); i++) {
      Lead lead = request.getLeads(i);
      Resolution resolution = registry.resolve(selector, lead.getId());
      Requests.requireLeadModel(resolution.model(), "model");
      resolutions.add(resolution);
      LeadValidation.validate(
          lead, "leads[" + i + "]", resolution.model().expectedAttributes(), violations);
    }
    Requests.failOn(violations);
    long asOf = request.hasAsOf() ? Requests.millis(request.getAsOf()) : clock.millis();
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
          ScoreProtos.toProto(
              metrics.score(
                  resolution.model(), new ProtoLeadView(request.getLeads(i), asOf), explain),
              resolution));
    }
    return response.build();
  }
}
