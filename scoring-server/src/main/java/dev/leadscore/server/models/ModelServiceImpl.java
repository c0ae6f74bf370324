package dev.leadscore.server.models;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.account.AccountCriteria;
import dev.leadscore.core.internal.Echoes;
import dev.leadscore.core.model.ModelDiagnostics;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.registry.ModelEntry;
import dev.leadscore.core.registry.ModelSelector;
import dev.leadscore.core.registry.ModelStore;
import dev.leadscore.core.registry.ModelVersion;
import dev.leadscore.core.registry.Publication;
import dev.leadscore.core.registry.RepositoryModelRegistry;
import dev.leadscore.proto.v1.DeleteExperimentRequest;
import dev.leadscore.proto.v1.DeleteExperimentResponse;
import dev.leadscore.proto.v1.DeleteLabelRequest;
import dev.leadscore.proto.v1.DeleteLabelResponse;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.GetExperimentRequest;
import dev.leadscore.proto.v1.GetModelRequest;
import dev.leadscore.proto.v1.GetModelResponse;
import dev.leadscore.proto.v1.ListCriterionTypesRequest;
import dev.leadscore.proto.v1.ListCriterionTypesResponse;
import dev.leadscore.proto.v1.ListModelsRequest;
import dev.leadscore.proto.v1.ListModelsResponse;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.PublishModelResponse;
import dev.leadscore.proto.v1.SetExperimentRequest;
import dev.leadscore.proto.v1.SetLabelRequest;
import dev.leadscore.proto.v1.SetLabelResponse;
import dev.leadscore.proto.v1.ValidateModelRequest;
import dev.leadscore.proto.v1.ValidateModelResponse;
import dev.leadscore.server.internal.Requests;
import dev.leadscore.server.internal.ScoringStatuses;
import dev.leadscore.server.internal.UnaryCalls;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** {@code leadscore.v1.ModelService}: the model repository over gRPC. */
public final class ModelServiceImpl extends ModelServiceGrpc.ModelServiceImplBase {
  private final RepositoryModelRegistry registry;
  private final ModelStore repository;
  private final CriterionRegistry criterionTypes;

  public ModelServiceImpl(RepositoryModelRegistry registry, CriterionRegistry criterionTypes) {
    this.registry = registry;
    this.repository = registry.repository();
    this.criterionTypes = criterionTypes;
  }

  @Override
  public void publishModel(
      PublishModelRequest request, StreamObserver<PublishModelResponse> responses) {
    UnaryCalls.answer(
        responses,
        () -> {
          requireModel(request.hasModel());
          OptionalLong expected =
              request.hasExpectedLatestVersion()
                  ? OptionalLong.of(request.getExpectedLatestVersion())
                  : OptionalLong.empty();
          try {
            Publication publication = registry.publish(request.getModel(), expected);
            PublishModelResponse.Builder response =
                PublishModelResponse.newBuilder()
                    .setVersion(ModelProtos.version(publication.version()));
            ModelProtos.inField("model", publication.warnings())
                .forEach(w -> response.addWarnings(ModelProtos.toProto(w)));
            return response.build();
          } catch (ScoringException e) {
            throw ModelProtos.inField("model", e);
          }
        });
  }

  @Override
  public void validateModel(
      ValidateModelRequest request, StreamObserver<ValidateModelResponse> responses) {
    UnaryCalls.answer(
        responses,
        () -> {
          requireModel(request.hasModel());
          ModelDiagnostics diagnostics = repository.diagnose(request.getModel());
          ValidateModelResponse.Builder response =
              ValidateModelResponse.newBuilder().setValid(diagnostics.valid());
          ModelProtos.inField("model", diagnostics.violations())
              .forEach(v -> response.addViolations(ModelProtos.toProto(v)));
          ModelProtos.inField("model", diagnostics.warnings())
              .forEach(w -> response.addWarnings(ModelProtos.toProto(w)));
          return response.build();
        });
  }

  @Override
  public void getModel(GetModelRequest request, StreamObserver<GetModelResponse> responses) {
    UnaryCalls.answer(
        responses,
        () -> {
          List<FieldViolation> violations = new ArrayList<>(0);
          ModelSelector selector = Requests.selector(request.getModel(), "model", violations);
          Requests.failOn(violations);
          ModelVersion version = selector.version() > 0 ? exact(selector) : registry.find(selector);
          GetModelResponse.Builder response =
              GetModelResponse.newBuilder().setVersion(ModelProtos.version(version));
          if (version.document() != null) {
            response.setModel(version.document());
          }
          return response.build();
        });
  }

  /** An explicit version, shown even when it failed to load. */
  private ModelVersion exact(ModelSelector selector) {
    String name = selector.name().isEmpty() ? registry.defaultModelName() : selector.name();
    ModelVersion version = existing(name).versions().get(selector.version());
    if (version == null) {
      throw new ScoringException(
          ScoringErrorCode.MODEL_NOT_FOUND,
          "model " + Echoes.of(name) + " has no version " + selector.version());
    }
    return version;
  }

  @Override
  public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> responses) {
    UnaryCalls.answer(
        responses,
        () -> {
          ListModelsResponse.Builder response = ListModelsResponse.newBuilder();
          repository
              .models()
              .values()
              .forEach(entry -> response.addModels(ModelProtos.model(entry)));
          return response
              .setCache(ModelProtos.cache(registry.cacheStats(), registry.cachedVersions()))
              .build();
        });
  }

  @Override
  public void setLabel(SetLabelRequest request, StreamObserver<SetLabelResponse> responses) {
    UnaryCalls.answer(
        responses,
        () ->
            SetLabelResponse.newBuilder()
                .putAllLabels(
                    repository.setLabel(
                        request.getName(), request.getLabel(), request.getVersion()))
                .build());
  }

  @Override
  public void deleteLabel(
      DeleteLabelRequest request, StreamObserver<DeleteLabelResponse> responses) {
    UnaryCalls.answer(
        responses,
        () ->
            DeleteLabelResponse.newBuilder()
                .putAllLabels(repository.deleteLabel(request.getName(), request.getLabel()))
                .build());
  }

  @Override
  public void listCriterionTypes(
      ListCriterionTypesRequest request, StreamObserver<ListCriterionTypesResponse> responses) {
    UnaryCalls.answer(
        responses,
        () -> {
          ListCriterionTypesResponse.Builder response = ListCriterionTypesResponse.newBuilder();
          criterionTypes
              .factories()
              .values()
              .forEach(factory -> response.addTypes(ModelProtos.criterionType(factory)));
          // Only account models may use these; their descriptions say so.
          AccountCriteria.types()
              .forEach(type -> response.addTypes(ModelProtos.criterionType(type)));
          return response.build();
        });
  }

  @Override
  public void setExperiment(SetExperimentRequest request, StreamObserver<Experiment> responses) {
    UnaryCalls.answer(
        responses,
        () -> {
          if (!request.hasExperiment()) {
            throw ScoringStatuses.invalidRequest(
                List.of(new FieldViolation("experiment", "missing (expected: an experiment)")));
          }
          return repository.setExperiment(request.getExperiment());
        });
  }

  @Override
  public void getExperiment(GetExperimentRequest request, StreamObserver<Experiment> responses) {
    UnaryCalls.answer(
        responses,
        () -> {
          Experiment experiment = existing(request.getName()).experiment();
          if (experiment == null) {
            throw new ScoringException(
                ScoringErrorCode.MODEL_NOT_FOUND,
                "model " + Echoes.of(request.getName()) + " runs no experiment");
          }
          return experiment;
        });
  }

  @Override
  public void deleteExperiment(
      DeleteExperimentRequest request, StreamObserver<DeleteExperimentResponse> responses) {
    UnaryCalls.answer(
        responses,
        () -> {
          repository.deleteExperiment(request.getName());
          return DeleteExperimentResponse.getDefaultInstance();
        });
  }

  private ModelEntry existing(String name) {
    return repository
        .model(name)
        .orElseThrow(
            () ->
                new ScoringException(
                    ScoringErrorCode.MODEL_NOT_FOUND,
                    "model " + Echoes.of(name) + " does not exist"));
  }

  private static void requireModel(boolean present) {
    if (!present) {
      throw ScoringStatuses.invalidRequest(
          List.of(new FieldViolation("model", "missing (expected: a model document)")));
    }
  }
}
