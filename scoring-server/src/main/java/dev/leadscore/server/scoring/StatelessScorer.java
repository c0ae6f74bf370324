package dev.leadscore.server.scoring;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.lead.LeadLimits;
import dev.leadscore.core.lead.LeadShapes;
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
import dev.leadscore.server.internal.ResponseSizes;
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
  private final LeadLimits limits;
  private final int maxBatchLeads;

  /**
   * @param limits the bounds on each lead's shape
   * @param maxBatchLeads the most leads one {@code ScoreBatch} may carry
   */
  public StatelessScorer(
      ModelRegistry registry,
      Clock clock,
      ScoringMetrics metrics,
      LeadLimits limits,
      int maxBatchLeads) {
    this.registry = registry;
    this.clock = clock;
    this.metrics = metrics;
    this.limits = limits;
    this.maxBatchLeads = maxBatchLeads;
  }

  /**
   * @throws dev.leadscore.core.ScoringException for a bad request, an unknown model or a failing
   *     criterion or rule
   * @throws io.grpc.StatusRuntimeException {@code RESOURCE_EXHAUSTED} for an answer larger than
   *     {@link ResponseSizes#MAX_RESPONSE_BYTES}
   */
  public ScoreResponse score(ScoreRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    ModelSelector selector = Requests.selector(request.getModel(), "model", violations);
    Requests.checkAsOf(request.hasAsOf(), request.getAsOf(), "as_of", violations);
    if (!request.hasLead()) {
      violations.add(new FieldViolation("lead", "missing (expected: a lead)"));
    }
    LeadShapes.check(request.getLead(), "lead", limits, violations);
    Requests.failOn(violations);
    Resolution resolution = registry.resolve(selector, request.getLead().getId());
    CompiledModel model = resolution.model();
    Requests.requireLeadModel(model, "model");
    LeadValidation.validate(request.getLead(), "lead", model.expectedAttributes(), violations);
    Requests.failOn(violations);
    long asOf = request.hasAsOf() ? Requests.millis(request.getAsOf()) : clock.millis();
    ScoreResponse response =
        ScoreProtos.toProto(
            metrics.score(
                model, new ProtoLeadView(request.getLead(), asOf), !request.getSkipExplanation()),
            resolution);
    ResponseSizes.check(response.getSerializedSize(), "the answer");
    return response;
  }

  /**
   * Validates every lead first: a batch is scored whole or refused whole. Each lead is resolved on
   * its own, so a model's experiment assigns batch leads the arm it assigns them one by one. The
   * answer is built only while it stays within {@link ResponseSizes#MAX_RESPONSE_BYTES}.
   */
  public ScoreBatchResponse scoreBatch(ScoreBatchRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    if (request.getLeadsCount() > maxBatchLeads) {
      Requests.failOn(
          List.of(
              new FieldViolation(
                  "leads",
                  request.getLeadsCount()
                      + " leads (expected: at most "
                      + maxBatchLeads
                      + " per batch; send several batches)")));
    }
    ModelSelector selector = Requests.selector(request.getModel(), "model", violations);
    Requests.checkAsOf(request.hasAsOf(), request.getAsOf(), "as_of", violations);
    for (int i = 0; i < request.getLeadsCount(); i++) {
      LeadShapes.check(request.getLeads(i), "leads[" + i + "]", limits, violations);
    }
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
    long size = 0;
    for (int i = 0; i < request.getLeadsCount(); i++) {
      if (context.isCancelled()) {
        throw Status.CANCELLED
            .withDescription("call cancelled or deadline exceeded")
            .asRuntimeException();
      }
      Resolution resolution = resolutions.get(i);
      ScoreResponse result =
          ScoreProtos.toProto(
              metrics.score(
                  resolution.model(), new ProtoLeadView(request.getLeads(i), asOf), explain),
              resolution);
      size += ResponseSizes.ofElement(result.getSerializedSize());
      ResponseSizes.check(
          size, "the answer to the first " + (i + 1) + " of " + request.getLeadsCount() + " leads");
      response.addResults(result);
    }
    return response.build();
  }
}
