package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.DeleteLeadRequest;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.LeadEventBatch;
import dev.leadscore.proto.v1.LeadEventBatchResult;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.ValidateModelRequest;
import dev.leadscore.proto.v1.WatchTransitionsRequest;
import dev.leadscore.server.security.AccessClient;
import dev.leadscore.server.security.AccessControl;
import dev.leadscore.server.security.AccessPolicy;
import dev.leadscore.server.security.Role;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Named clients with roles, through a real server with a lead store. */
class AccessPolicyTest {
  private static final String SCORER = "scorer-token-1f0e9d8c7b6a";
  private static final String SUPPORT = "support-token-2a3b4c5d6e7f";
  private static final String PRIVACY = "privacy-token-9a8b7c6d5e4f";

  @RegisterExtension
  final InProcessLeadscore leadscore =
      new InProcessLeadscore()
          .withLeadStore()
          .withAccessPolicy(
              AccessPolicy.of(
                  List.of(
                      client("scorer", SCORER, Role.SCORE, Role.EVENTS),
                      client("support", SUPPORT, Role.READ_LEADS),
                      client("privacy", PRIVACY, Role.DELETE_LEADS)),
                  Set.of(),
                  "test"));

  private final Logger audit = Logger.getLogger(AccessControl.AUDIT_LOGGER);
  private final List<String> audited = new CopyOnWriteArrayList<>();
  private final Handler recorder =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          audited.add(new java.util.logging.SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void recordAudit() {
    audit.addHandler(recorder);
  }

  @AfterEach
  void stopRecording() {
    audit.removeHandler(recorder);
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

  private Channel as(String token) {
    Metadata headers = new Metadata();
    headers.put(AccessControl.AUTHORIZATION, "Bearer " + token);
    return ClientInterceptors.intercept(
        leadscore.channel(), MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static void assertDenied(Runnable call, String role, String client) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.PERMISSION_DENIED);
              assertThat(e.getStatus().getDescription())
                  .contains("role " + role)
                  .contains("client " + client);
            });
  }

  private static GetLeadRequest getLead() {
    return GetLeadRequest.newBuilder().setLeadId("jane@acme.example").build();
  }

  private static DeleteLeadRequest deleteLead() {
    return DeleteLeadRequest.newBuilder().setLeadId("jane@acme.example").build();
  }

  @Test
  void calls_clientWithoutTheRole_permissionDeniedNamingRoleAndClient() {
    ScoringServiceGrpc.ScoringServiceBlockingStub scorer =
        ScoringServiceGrpc.newBlockingStub(as(SCORER));

    assertThat(
            scorer.score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build()).getBand())
        .isEqualTo("cold");
    assertDenied(() -> scorer.getLead(getLead()), "read-leads", "scorer");
    assertDenied(() -> scorer.deleteLead(deleteLead()), "delete-leads", "scorer");
    assertDenied(
        () -> scorer.watchTransitions(WatchTransitionsRequest.getDefaultInstance()).next(),
        "watch",
        "scorer");
    assertDenied(
        () ->
            ModelServiceGrpc.newBlockingStub(as(SCORER))
                .validateModel(
                    ValidateModelRequest.newBuilder().setModel(Models.bundledDefault()).build()),
        "validate",
        "scorer");
    assertThatThrownBy(() -> ScoringServiceGrpc.newBlockingStub(as(SUPPORT)).getLead(getLead()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.NOT_FOUND));
    ScoringServiceGrpc.newBlockingStub(as(PRIVACY)).deleteLead(deleteLead());
  }

  @Test
  void streamEventBatches_needsTheEventsRole() throws Exception {
    LeadEventBatch batch =
        LeadEventBatch.newBuilder()
            .addInputs(
                LeadStreams.event("jane@acme.example", "e1", "email_open", InProcessLeadscore.NOW))
            .build();

    assertThat(StreamEventBatchesTest.batches(as(SCORER), List.of(batch)).get(0).getUpdates(0))
        .satisfies(update -> assertThat(update.hasError()).isFalse());
    Recorder<LeadEventBatch, LeadEventBatchResult> denied = Recorder.eager();
    StreamObserver<LeadEventBatch> requests =
        ScoringServiceGrpc.newStub(as(SUPPORT)).streamEventBatches(denied);
    requests.onNext(batch);
    requests.onCompleted();
    assertThat(denied.awaitCompletion()).isFalse();
    assertThat(denied.error())
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.PERMISSION_DENIED);
              assertThat(e.getStatus().getDescription())
                  .contains("role events")
                  .contains("client support");
            });
    assertThat(denied.values()).isEmpty();
  }

  @Test
  void calls_withoutCredentialsUnderAPolicyFile_unauthenticatedButHealthOpen() {
    assertThatThrownBy(
            () ->
                ScoringServiceGrpc.newBlockingStub(leadscore.channel())
                    .score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription()).contains("role score").contains("Bearer");
            });
    assertThatThrownBy(() -> ScoringServiceGrpc.newBlockingStub(as("guessed")).getLead(getLead()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.PERMISSION_DENIED));
    assertThat(
            HealthGrpc.newBlockingStub(leadscore.channel())
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void deleteCalls_allowedOrDenied_auditedWithCallerNameNeverToken() {
    ScoringServiceGrpc.newBlockingStub(as(PRIVACY)).deleteLead(deleteLead());
    assertThatThrownBy(
            () -> ScoringServiceGrpc.newBlockingStub(as(SCORER)).deleteLead(deleteLead()))
        .isInstanceOf(StatusRuntimeException.class);
    assertThatThrownBy(() -> ScoringServiceGrpc.newBlockingStub(as(SUPPORT)).getLead(getLead()))
        .isInstanceOf(StatusRuntimeException.class);

    assertThat(audited)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("caller=privacy")
                    .contains("method=leadscore.v1.ScoringService/DeleteLead")
                    .contains("status=OK"))
        .anySatisfy(
            line -> assertThat(line).contains("caller=scorer").contains("status=PERMISSION_DENIED"))
        .noneSatisfy(line -> assertThat(line).contains("GetLead"))
        .allSatisfy(
            line ->
                assertThat(line)
                    .doesNotContain(PRIVACY)
                    .doesNotContain(SCORER)
                    .doesNotContain("token"));
  }
}
