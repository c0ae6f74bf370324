package dev.leadscore.server.security;

import dev.leadscore.proto.v1.EvaluationServiceGrpc;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.MethodDescriptor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The role each RPC needs. Every method of {@code ScoringService}, {@code ModelService} and {@code
 * EvaluationService} is listed (a test checks that a new RPC cannot be added without one); health
 * and reflection need none, so that load balancers and {@code grpcurl} work; any other service's
 * methods need {@code admin}.
 */
final class MethodRoles {
  private static final Set<String> PUBLIC_SERVICES =
      Set.of(
          "grpc.health.v1.Health",
          "grpc.reflection.v1.ServerReflection",
          "grpc.reflection.v1alpha.ServerReflection");

  private static final Map<String, Role> ROLES = roles();

  private static final String PREVIEW_IMPACT =
      EvaluationServiceGrpc.getPreviewImpactMethod().getFullMethodName();

  private MethodRoles() {}

  /** The role {@code fullMethodName} needs; empty for a public method. */
  static Optional<Role> required(String fullMethodName) {
    return Optional.ofNullable(role(fullMethodName));
  }

  /** The role {@code fullMethodName} needs; null for a public method. One map lookup per call. */
  static @Nullable Role role(String fullMethodName) {
    Role role = ROLES.get(fullMethodName);
    if (role != null) {
      return role;
    }
    String service = MethodDescriptor.extractFullServiceName(fullMethodName);
    return service != null && PUBLIC_SERVICES.contains(service) ? null : Role.ADMIN;
  }

  /** Whether a service checks a further role itself, so the call's context carries the roles. */
  static boolean exposesRoles(String fullMethodName) {
    return fullMethodName.equals(PREVIEW_IMPACT);
  }

  /** Whether the server's own services list {@code fullMethodName}. */
  static boolean listed(String fullMethodName) {
    return ROLES.containsKey(fullMethodName);
  }

  private static Map<String, Role> roles() {
    Map<String, Role> roles = new HashMap<>();
    put(roles, ScoringServiceGrpc.getScoreMethod(), Role.SCORE);
    put(roles, ScoringServiceGrpc.getScoreBatchMethod(), Role.SCORE);
    put(roles, ScoringServiceGrpc.getScoreStreamMethod(), Role.SCORE);
    put(roles, ScoringServiceGrpc.getStreamEventsMethod(), Role.EVENTS);
    put(roles, ScoringServiceGrpc.getStreamEventBatchesMethod(), Role.EVENTS);
    put(roles, ScoringServiceGrpc.getGetLeadMethod(), Role.READ_LEADS);
    put(roles, ScoringServiceGrpc.getDeleteLeadMethod(), Role.DELETE_LEADS);
    put(roles, ScoringServiceGrpc.getWatchTransitionsMethod(), Role.WATCH);
    // An outcome is lead data written as events are; evaluation, previews and exports read every
    // stored lead (PreviewImpact with a document also needs validate, checked by the service).
    put(roles, ScoringServiceGrpc.getRecordOutcomeMethod(), Role.EVENTS);
    put(roles, EvaluationServiceGrpc.getEvaluateModelMethod(), Role.READ_LEADS);
    put(roles, EvaluationServiceGrpc.getPreviewImpactMethod(), Role.READ_LEADS);
    put(roles, EvaluationServiceGrpc.getExportLeadsMethod(), Role.READ_LEADS);
    // Accounts: scoring a list of leads the caller sends, reading and watching stored accounts.
    put(roles, ScoringServiceGrpc.getScoreAccountMethod(), Role.SCORE);
    put(roles, ScoringServiceGrpc.getGetAccountMethod(), Role.READ_LEADS);
    put(roles, ScoringServiceGrpc.getWatchAccountTransitionsMethod(), Role.WATCH);
    put(roles, ModelServiceGrpc.getGetModelMethod(), Role.READ_MODELS);
    put(roles, ModelServiceGrpc.getListModelsMethod(), Role.READ_MODELS);
    put(roles, ModelServiceGrpc.getListCriterionTypesMethod(), Role.READ_MODELS);
    put(roles, ModelServiceGrpc.getGetExperimentMethod(), Role.READ_MODELS);
    put(roles, ModelServiceGrpc.getValidateModelMethod(), Role.VALIDATE);
    put(roles, ModelServiceGrpc.getPublishModelMethod(), Role.ADMIN);
    put(roles, ModelServiceGrpc.getSetLabelMethod(), Role.ADMIN);
    put(roles, ModelServiceGrpc.getDeleteLabelMethod(), Role.ADMIN);
    put(roles, ModelServiceGrpc.getSetExperimentMethod(), Role.ADMIN);
    put(roles, ModelServiceGrpc.getDeleteExperimentMethod(), Role.ADMIN);
    return Map.copyOf(roles);
  }

  private static void put(Map<String, Role> roles, MethodDescriptor<?, ?> method, Role role) {
    roles.put(method.getFullMethodName(), role);
  }
}
