package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.proto.v1.DeleteLeadRequest;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.security.AccessPolicy;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example policy file, served over mutual TLS on loopback. */
class AccessPolicyExampleTest {
  private static final Path EXAMPLE = Path.of("../docs/access-policy.json");

  @TempDir Path directory;
  private LeadscoreRuntime server;
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void examplePolicy_opsConsoleCertificate_managesModelsAndErasesLeadsButDoesNotScore()
      throws Exception {
    TestCertificates.Issued authority = TestCertificates.authority(directory, "test-ca");
    TestCertificates.Issued serverCertificate =
        TestCertificates.leaf(directory, "server", authority);
    server =
        LeadscoreRuntime.builder()
            .transport(
                NettyServerBuilder.forAddress(
                    new InetSocketAddress("127.0.0.1", 0),
                    ServerTls.credentials(
                        serverCertificate.certificateFile(),
                        serverCertificate.keyFile(),
                        authority.certificateFile())))
            .models(directory.resolve("models"))
            .store("rocksdb:" + directory.resolve("data"), LeadStoreConfig.defaults())
            .server(builder -> builder.accessPolicy(AccessPolicy.load(EXAMPLE)))
            .start();
    ManagedChannel ops =
        connect(authority, TestCertificates.leaf(directory, "ops-console", authority));
    ManagedChannel stranger =
        connect(authority, TestCertificates.leaf(directory, "stranger", authority));

    assertThat(
            ModelServiceGrpc.newBlockingStub(ops)
                .publishModel(
                    PublishModelRequest.newBuilder().setModel(Models.defaultWithBonus(5)).build())
                .getVersion()
                .getVersion())
        .isEqualTo(2);
    ScoringServiceGrpc.newBlockingStub(ops)
        .deleteLead(DeleteLeadRequest.newBuilder().setLeadId("jane@acme.example").build());
    ScoreRequest score = ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build();
    assertThatThrownBy(() -> ScoringServiceGrpc.newBlockingStub(ops).score(score))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.PERMISSION_DENIED);
              assertThat(e.getStatus().getDescription()).contains("ops-console").contains("score");
            });
    assertThatThrownBy(() -> ScoringServiceGrpc.newBlockingStub(stranger).score(score))
        .as("a certificate the CA signed but the policy does not name gets no role")
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.UNAUTHENTICATED));
  }

  private ManagedChannel connect(TestCertificates.Issued authority, TestCertificates.Issued client)
      throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(
                "localhost",
                server.port(),
                TlsChannelCredentials.newBuilder()
                    .trustManager(authority.certificateFile().toFile())
                    .keyManager(client.certificateFile().toFile(), client.keyFile().toFile())
                    .build())
            .build();
    channels.add(channel);
    return channel;
  }
}
