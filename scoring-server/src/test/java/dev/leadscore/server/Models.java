package dev.leadscore.server;

import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.Rule;
import dev.leadscore.proto.v1.ScoringModel;
import java.nio.charset.StandardCharsets;

/** Model documents for tests: the bundled default and changed copies of it. */
final class Models {
  private Models() {}

  static ScoringModel bundledDefault() {
    return ModelDocuments.parse(
        new String(LeadscoreRuntime.bundledModel(), StandardCharsets.UTF_8), "bundled");
  }

  /** The default model with a rule adding {@code points} to every lead. */
  static ScoringModel defaultWithBonus(double points) {
    return bundledDefault().toBuilder()
        .addRules(Rule.newBuilder().setId("bonus").setAddPoints(points))
        .build();
  }

  static ModelRef ref(String name) {
    return ModelRef.newBuilder().setName(name).build();
  }

  static ModelRef ref(String name, long version) {
    return ModelRef.newBuilder().setName(name).setVersion(version).build();
  }

  static ModelRef ref(String name, String label) {
    return ModelRef.newBuilder().setName(name).setLabel(label).build();
  }
}
