package dev.leadscore.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.proto.v1.EvaluationServiceGrpc;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.MethodDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodRolesTest {
  @Test
  void everyRpc_ofTheServersServices_needsARole() {
    List<MethodDescriptor<?, ?>> methods = new ArrayList<>();
    methods.addAll(ScoringServiceGrpc.getServiceDescriptor().getMethods());
    methods.addAll(ModelServiceGrpc.getServiceDescriptor().getMethods());
    methods.addAll(EvaluationServiceGrpc.getServiceDescriptor().getMethods());

    assertThat(methods)
        .hasSizeGreaterThan(15)
        .allSatisfy(
            method ->
                assertThat(MethodRoles.listed(method.getFullMethodName()))
                    .as(method.getFullMethodName())
                    .isTrue());
  }

  @Test
  void required_healthAndReflectionPublic_otherServicesAdmin() {
    assertThat(MethodRoles.required("grpc.health.v1.Health/Check")).isEmpty();
    assertThat(MethodRoles.required("grpc.reflection.v1.ServerReflection/ServerReflectionInfo"))
        .isEmpty();
    assertThat(MethodRoles.required("leadscore.bench.Echo/Echo")).contains(Role.ADMIN);
    assertThat(MethodRoles.required(ScoringServiceGrpc.getGetLeadMethod().getFullMethodName()))
        .contains(Role.READ_LEADS);
  }

  @Test
  void required_outcomesWriteLikeEventsAndTheLoopReadsLeads() {
    assertThat(
            MethodRoles.required(ScoringServiceGrpc.getRecordOutcomeMethod().getFullMethodName()))
        .contains(Role.EVENTS);
    assertThat(EvaluationServiceGrpc.getServiceDescriptor().getMethods())
        .allSatisfy(
            method ->
                assertThat(MethodRoles.required(method.getFullMethodName()))
                    .contains(Role.READ_LEADS));
  }
}
