package dev.leadscore.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.TestCertificates;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mutual TLS channels with a bearer token, against a TLS server on loopback. */
class TlsChannelTest {
  @TempDir Path directory;
  private Server server;
  private ManagedChannel channel;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void tlsWithBearerToken_tokenArrivesOverTheEncryptedConnection() throws Exception {
    TestCertificates.Issued ca = TestCertificates.authority(directory, "ca");
    TestCertificates.Issued serverCert = TestCertificates.leaf(directory, "server", ca);
    int port =
        start(
            TlsServerCredentials.create(
                serverCert.certificateFile().toFile(), serverCert.keyFile().toFile()));
    channel =
        LeadscoreChannels.forTarget("localhost:" + port)
            .tls(ca.certificateFile())
            .bearerToken("s3cret")
            .build();

    ScoringServiceGrpc.newBlockingStub(channel)
        .score(ScoreRequest.newBuilder().setLead(Lead.newBuilder().setId("lead-1")).build());

    assertThat(seen).containsExactly("Bearer s3cret");
  }

  @Test
  void mutualTls_clientCertificateIsPresented() throws Exception {
    TestCertificates.Issued ca = TestCertificates.authority(directory, "ca");
    TestCertificates.Issued serverCert = TestCertificates.leaf(directory, "server", ca);
    TestCertificates.Issued client = TestCertificates.leaf(directory, "client", ca);
    int port =
        start(
            TlsServerCredentials.newBuilder()
                .keyManager(serverCert.certificateFile().toFile(), serverCert.keyFile().toFile())
                .trustManager(ca.certificateFile().toFile())
                .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                .build());
    channel =
        LeadscoreChannels.forTarget("localhost:" + port)
            .mutualTls(ca.certificateFile(), client.certificateFile(), client.keyFile())
            .build();

    ScoringServiceGrpc.newBlockingStub(channel)
        .score(ScoreRequest.newBuilder().setLead(Lead.newBuilder().setId("lead-1")).build());

    assertThat(seen).containsExactly("null");
  }

  private int start(io.grpc.ServerCredentials credentials) throws Exception {
    Metadata.Key<String> key = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    ServerInterceptor record =
        new ServerInterceptor() {
          @Override
          public <Q, A> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            seen.add(String.valueOf(headers.get(key)));
            return next.startCall(call, headers);
          }
        };
    server =
        Grpc.newServerBuilderForPort(0, credentials)
            .addService(ServerInterceptors.intercept(new FakeScoringService(0), record))
            .build()
            .start();
    return server.getPort();
  }
}
