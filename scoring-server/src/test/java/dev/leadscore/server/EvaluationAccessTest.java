package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.EvaluateModelRequest;
import dev.leadscore.proto.v1.EvaluationServiceGrpc;
import dev.leadscore.proto.v1.PreviewImpactRequest;
import dev.leadscore.proto.v1.PreviewImpactResponse;
import dev.leadscore.server.security.AccessClient;
import dev.leadscore.server.security.AccessControl;
import dev.leadscore.server.security.AccessPolicy;
import dev.leadscore.server.security.Role;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who may evaluate, preview and export: roles checked through a real server. */
class EvaluationAccessTest {
  private static final String ANALYST = "analyst-token-0a1b2c3d4e5f";
  private static final String MODELER = "modeler-token-6a7b8c9d0e1f";
  private static final String SCORER = "scorer-token-2b3c4d5e6f7a";

  @RegisterExtension
  final InProcessLeadscore leadscore =
      new InProcessLeadscore()
          .withLeadStore()
          .withAccessPolicy(
              AccessPolicy.of(
                  List.of(
                      client("analyst", ANALYST, Role.READ_LEADS),
                      client("modeler", MODELER, Role.READ_LEADS, Role.VALIDATE),
                      client("scorer", SCORER, Role.SCORE)),
                  Set.of(),
                  "test"));

  @RegisterExtension final InProcessLeadscore withoutStore = new InProcessLeadscore();

  @Test
  void previewImpact_documentWithoutValidate_permissionDeniedNamingTheRole() {
    assertThat(preview(ANALYST, PreviewImpactRequest.newBuilder().setVersion(1))).isNotEmpty();
    assertThatThrownBy(
            () ->
                preview(
                    ANALYST,
                    PreviewImpactRequest.newBuilder().setDocument(Models.bundledDefault())))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.PERMISSION_DENIED);
              assertThat(e.getStatus().getDescription()).contains("needs role validate");
            });
    assertThat(
            preview(
                MODELER, PreviewImpactRequest.newBuilder().setDocument(Models.bundledDefault())))
        .last()
        .satisfies(last -> assertThat(last.hasReport()).isTrue());
  }

  @Test
  void evaluateModel_callerWithoutReadLeads_permissionDenied() {
    assertThatThrownBy(
            () ->
                EvaluationServiceGrpc.newBlockingStub(as(SCORER))
                    .evaluateModel(EvaluateModelRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.PERMISSION_DENIED);
              assertThat(e.getStatus().getDescription()).contains("lacks role read-leads");
            });
  }

  @Test
  void evaluateModel_serverWithoutStore_unimplemented() {
    assertThatThrownBy(
            () ->
                EvaluationServiceGrpc.newBlockingStub(withoutStore.channel())
                    .evaluateModel(EvaluateModelRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.UNIMPLEMENTED);
              assertThat(e.getStatus().getDescription()).contains("needs a lead store");
            });
  }

  private List<PreviewImpactResponse> preview(String token, PreviewImpactRequest.Builder request) {
    List<PreviewImpactResponse> responses = new ArrayList<>();
    EvaluationServiceGrpc.newBlockingStub(as(token))
        .previewImpact(request.build())
        .forEachRemaining(responses::add);
    return responses;
  }

  private Channel as(String token) {
    Metadata headers = new Metadata();
    headers.put(AccessControl.AUTHORIZATION, "Bearer " + token);
    return ClientInterceptors.intercept(
        leadscore.channel(), MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static AccessClient client(String name, String token, Role... roles) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return new AccessClient(
          name, List.of(digest), List.of(), List.of(), EnumSet.of(roles[0], roles));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
