package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.ListModelsRequest;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ModelServiceGrpc.ModelServiceBlockingStub;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.SetLabelRequest;
import dev.leadscore.server.security.AccessControl;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdminAuthTest {
  private static final String TOKEN = "s3cret-admin-token";

  @RegisterExtension
  final InProcessLeadscore leadscore = new InProcessLeadscore().withAdminToken(TOKEN);

  private ModelServiceBlockingStub models(String authorization) {
    ModelServiceBlockingStub stub = ModelServiceGrpc.newBlockingStub(leadscore.channel());
    if (authorization == null) {
      return stub;
    }
    Metadata headers = new Metadata();
    headers.put(AccessControl.AUTHORIZATION, authorization);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static PublishModelRequest publish() {
    return PublishModelRequest.newBuilder().setModel(Models.defaultWithBonus(5)).build();
  }

  @Test
  void publishModel_withoutCredentials_unauthenticatedAndNothingWritten() {
    assertThatThrownBy(() -> models(null).publishModel(publish()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription()).contains("Bearer");
            });
    assertThatThrownBy(() -> models("Basic " + TOKEN).publishModel(publish()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.UNAUTHENTICATED));
    assertThat(Files.exists(leadscore.repositoryRoot().resolve("b2b-default"))).isFalse();
  }

  @Test
  void writes_wrongToken_permissionDenied() {
    for (Runnable call :
        new Runnable[] {
          () -> models("Bearer wrong").publishModel(publish()),
          () ->
              models("Bearer " + TOKEN + "x")
                  .setLabel(
                      SetLabelRequest.newBuilder()
                          .setName("b2b-default")
                          .setLabel("stable")
                          .setVersion(1)
                          .build())
        }) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              StatusRuntimeException.class, e -> assertCode(e, Status.Code.PERMISSION_DENIED));
    }
  }

  @Test
  void publishModel_rightToken_published() {
    assertThat(models("Bearer " + TOKEN).publishModel(publish()).getVersion().getVersion())
        .isEqualTo(2);
  }

  @Test
  void readsAndScoring_withoutCredentials_open() {
    assertThat(models(null).listModels(ListModelsRequest.getDefaultInstance()).getModelsList())
        .extracting(dev.leadscore.proto.v1.ModelInfo::getName)
        .containsExactly("b2b-accounts", "b2b-default");
    assertThat(
            ScoringServiceGrpc.newBlockingStub(leadscore.channel())
                .score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build())
                .getBand())
        .isEqualTo("cold");
  }

  @Test
  void isLocal_loopbackOrInProcess_trueAndNetworkAddress_false() {
    assertThat(AccessControl.isLocal(new InetSocketAddress("127.0.0.1", 1))).isTrue();
    assertThat(AccessControl.isLocal(new InetSocketAddress("::1", 1))).isTrue();
    assertThat(AccessControl.isLocal(new InetSocketAddress("10.1.2.3", 1))).isFalse();
    assertThat(AccessControl.isLocal(new InetSocketAddress("192.168.0.7", 1))).isFalse();
    assertThat(AccessControl.isLocal(null)).isFalse();
  }
}
