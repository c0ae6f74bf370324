package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.proto.v1.DeleteLeadRequest;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.WatchTransitionsRequest;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server listening on every interface (0.0.0.0), called over loopback only: whoever reaches a
 * server bound beyond this host is not trusted for being on loopback, since a same-host proxy or
 * sidecar makes every caller local.
 */
class AccessControlNetworkTest {
  private static final String TOKEN = "network-admin-token-0123456789";
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir Path directory;
  private LeadscoreRuntime server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  private void startOnAllInterfaces(Consumer<LeadscoreServer.Builder> settings) {
    server =
        LeadscoreRuntime.builder()
            .transport(NettyServerBuilder.forAddress(new InetSocketAddress("0.0.0.0", 0)))
            .models(directory.resolve("models"))
            .store("rocksdb:" + directory.resolve("data"), LeadStoreConfig.defaults())
            .server(settings)
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  private Channel withToken(String token) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    return ClientInterceptors.intercept(
        channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static ScoringServiceGrpc.ScoringServiceBlockingStub scoring(Channel channel) {
    return ScoringServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static void assertRefused(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertCode(e, code));
  }

  @Test
  void leadCalls_allInterfacesWithAdminToken_anonymousRefusedAndTheTokenAllowed() {
    startOnAllInterfaces(builder -> builder.adminToken(TOKEN));
    GetLeadRequest get = GetLeadRequest.newBuilder().setLeadId("jane@acme.example").build();

    assertRefused(() -> scoring(channel).getLead(get), Status.Code.UNAUTHENTICATED);
    assertRefused(
        () ->
            scoring(channel)
                .deleteLead(DeleteLeadRequest.newBuilder().setLeadId("jane@acme.example").build()),
        Status.Code.UNAUTHENTICATED);
    assertRefused(
        () ->
            scoring(channel).watchTransitions(WatchTransitionsRequest.getDefaultInstance()).next(),
        Status.Code.UNAUTHENTICATED);
    assertRefused(
        () ->
            scoring(channel).score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build()),
        Status.Code.UNAUTHENTICATED);

    assertRefused(() -> scoring(withToken(TOKEN)).getLead(get), Status.Code.NOT_FOUND);
    assertThat(
            scoring(withToken(TOKEN))
                .score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build())
                .getBand())
        .isEqualTo("cold");
    assertThat(
            HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus())
        .as("health stays open for load balancers")
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void publish_allInterfacesWithoutCredentials_refusedEvenFromLoopbackNamingTheOptions() {
    startOnAllInterfaces(builder -> {});

    assertThatThrownBy(
            () ->
                ModelServiceGrpc.newBlockingStub(channel)
                    .publishModel(
                        PublishModelRequest.newBuilder()
                            .setModel(Models.defaultWithBonus(5))
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription())
                  .contains("--admin-token")
                  .contains("--access-policy")
                  .contains("--insecure-open");
            });
    assertThat(directory.resolve("models/b2b-default/2.json")).doesNotExist();
  }

  @Test
  void insecureOpen_allInterfaces_anonymousScoresAndReadsLeadsButModelWritesNeedCredentials() {
    startOnAllInterfaces(builder -> builder.insecureOpen(true));

    assertThat(
            scoring(channel)
                .score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build())
                .getBand())
        .isEqualTo("cold");
    assertRefused(
        () ->
            scoring(channel)
                .getLead(GetLeadRequest.newBuilder().setLeadId("jane@acme.example").build()),
        Status.Code.NOT_FOUND);
    assertRefused(
        () ->
            ModelServiceGrpc.newBlockingStub(channel)
                .publishModel(
                    PublishModelRequest.newBuilder().setModel(Models.defaultWithBonus(5)).build()),
        Status.Code.UNAUTHENTICATED);
  }
}
