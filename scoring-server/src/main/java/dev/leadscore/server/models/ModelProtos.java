package dev.leadscore.server.models;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.google.protobuf.util.Timestamps;
import com.google.rpc.BadRequest;
import dev.leadscore.api.ConfigField;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.account.AccountCriteria;
import dev.leadscore.core.registry.ModelEntry;
import dev.leadscore.core.registry.ModelVersion;
import dev.leadscore.proto.v1.CriterionConfigField;
import dev.leadscore.proto.v1.CriterionType;
import dev.leadscore.proto.v1.ModelCacheStats;
import dev.leadscore.proto.v1.ModelInfo;
import dev.leadscore.proto.v1.ModelVersionInfo;
import java.util.List;

/** Adapts the model repository's values to ModelService messages. */
final class ModelProtos {
  private ModelProtos() {}

  static ModelVersionInfo version(ModelVersion version) {
    return ModelVersionInfo.newBuilder()
        .setName(version.name())
        .setVersion(version.version())
        .setState(
            switch (version.state()) {
              case VALID -> ModelVersionInfo.State.VALID;
              case FAILED -> ModelVersionInfo.State.FAILED;
            })
        .setCreated(Timestamps.fromMillis(version.created().toEpochMilli()))
        .setChecksum(version.checksum())
        .addAllProblems(version.problems())
        .setBuiltin(version.builtin())
        .build();
  }

  static ModelInfo model(ModelEntry entry) {
    ModelInfo.Builder model =
        ModelInfo.newBuilder()
            .setName(entry.name())
            .putAllLabels(entry.labels())
            .addAllProblems(entry.problems());
    entry.versions().values().forEach(version -> model.addVersions(version(version)));
    if (entry.experiment() != null) {
      model.setExperiment(entry.experiment());
    }
    return model.build();
  }

  static ModelCacheStats cache(CacheStats stats, long size) {
    return ModelCacheStats.newBuilder()
        .setSize(size)
        .setHitCount(stats.hitCount())
        .setMissCount(stats.missCount())
        .setHitRate(stats.hitRate())
        .setLoadSuccessCount(stats.loadSuccessCount())
        .setLoadFailureCount(stats.loadFailureCount())
        .setTotalLoadTimeNanos(stats.totalLoadTime())
        .setEvictionCount(stats.evictionCount())
        .build();
  }

  static CriterionType criterionType(CriterionFactory factory) {
    return criterionType(factory.type(), factory.description(), factory.configFields());
  }

  /** The same for a criterion type only account models have. */
  static CriterionType criterionType(AccountCriteria.Type account) {
    return criterionType(account.name(), account.description(), account.configFields());
  }

  private static CriterionType criterionType(
      String name, String description, List<ConfigField> fields) {
    CriterionType.Builder type =
        CriterionType.newBuilder().setType(name).setDescription(description);
    for (ConfigField field : fields) {
      type.addConfigFields(
          CriterionConfigField.newBuilder()
              .setName(field.name())
              .setType(field.type())
              .setRequired(field.required())
              .setDescription(field.description()));
    }
    return type.build();
  }

  /** The violations of a model document as paths in a request that carries it in {@code field}. */
  static List<FieldViolation> inField(String field, List<FieldViolation> violations) {
    return violations.stream()
        .map(
            v ->
                new FieldViolation(
                    v.field().isEmpty() ? field : field + "." + v.field(), v.description()))
        .toList();
  }

  /** {@code e} with the paths of its violations moved under {@code field}. */
  static ScoringException inField(String field, ScoringException e) {
    if (e.violations().isEmpty()) {
      return e;
    }
    List<FieldViolation> moved = inField(field, e.violations());
    return ScoringException.invalid(e.code(), e.getMessage().split(":", 2)[0], moved);
  }

  static BadRequest.FieldViolation toProto(FieldViolation violation) {
    return BadRequest.FieldViolation.newBuilder()
        .setField(violation.field())
        .setDescription(violation.description())
        .build();
  }
}
