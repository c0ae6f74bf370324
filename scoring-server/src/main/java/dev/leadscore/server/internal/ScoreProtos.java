package dev.leadscore.server.internal;

import dev.leadscore.core.model.Contribution;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.proto.v1.ResolvedModel;
import dev.leadscore.proto.v1.ScoreResponse;
import java.util.List;

/** Adapts engine results to the wire. */
public final class ScoreProtos {
  private ScoreProtos() {}

  public static ScoreResponse toProto(ScoreResult result, Resolution resolution) {
    ScoreResponse.Builder response =
        ScoreResponse.newBuilder()
            .setLeadId(result.leadId())
            .setScore(result.score())
            .setBand(result.band())
            .setScoreBand(result.scoreBand())
            .setGrade(result.grade())
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
    // Messages, not nested builders: addContributionsBuilder() switches the repeated field to a
    // RepeatedFieldBuilder that keeps a builder per element and rebuilds them all on build().
    List<Contribution> contributions = result.contributions();
    for (int i = 0; i < contributions.size(); i++) {
      Contribution contribution = contributions.get(i);
      response.addContributions(
          dev.leadscore.proto.v1.Contribution.newBuilder()
              .setCriterion(contribution.criterionId())
              .setDimension(contribution.dimension())
              .setPoints(contribution.points())
              .setReason(contribution.reason())
              .build());
    }
    response.addAllFiredRules(result.firedRules());
    return response.build();
  }
}
