package dev.leadscore.server;

import dev.leadscore.core.model.Contribution;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.proto.v1.ResolvedModel;
import dev.leadscore.proto.v1.ScoreResponse;
import java.util.List;

/** Adapts engine results to the wire. */
final class ScoreResponses {
  private ScoreResponses() {}

  static ScoreResponse toProto(ScoreResult result, Resolution resolution) {
    ScoreResponse.Builder response =
        ScoreResponse.newBuilder()
            .setLeadId(result.leadId())
            .setScore(result.score())
            .setBand(result.band())
            .setScoreBand(result.scoreBand())
            .setModel(
                ResolvedModel.newBuilder()
                    .setName(result.modelName())
                    .setVersion(result.modelVersion())
                    .setLabel(resolution.label())
                    .setArm(resolution.arm()));
    List<String> dimensions = result.dimensionNames();
    for (int i = 0; i < dimensions.size(); i++) {
      response.putDimensions(dimensions.get(i), result.dimensionPoints(i));
    }
    for (Contribution contribution : result.contributions()) {
      response
          .addContributionsBuilder()
          .setCriterion(contribution.criterionId())
          .setDimension(contribution.dimension())
          .setPoints(contribution.points())
          .setReason(contribution.reason());
    }
    response.addAllFiredRules(result.firedRules());
    return response.build();
  }
}
