package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.security.AccessControl;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS, mutual TLS and admin authorization over the production transport on loopback. */
class TlsTest {
  private static final String TOKEN = "tls-admin-token";

  @TempDir Path directory;
  private TestCertificates.Issued authority;
  private TestCertificates.Issued serverCertificate;
  private LeadscoreRuntime server;
  private ManagedChannel channel;

  @BeforeEach
  void certificates() throws Exception {
    authority = TestCertificates.authority(directory, "test-ca");
    serverCertificate = TestCertificates.leaf(directory, "server", authority);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  private void start(InetAddress bind, ServerCredentials credentials, boolean token, boolean mtls)
      throws Exception {
    NettyServerBuilder transport =
        credentials == null
            ? NettyServerBuilder.forAddress(new InetSocketAddress(bind, 0))
            : NettyServerBuilder.forAddress(new InetSocketAddress(bind, 0), credentials);
    server =
        LeadscoreRuntime.builder()
            .transport(transport)
            .models(directory.resolve("models"))
            .server(
                builder -> {
                  if (token) {
                    builder.adminToken(TOKEN);
                  }
                  if (mtls) {
                    builder.adminClientCertificates();
                  }
                })
            .start();
  }

  private void startTls(boolean mtls) throws Exception {
    start(
        InetAddress.getLoopbackAddress(),
        ServerTls.credentials(
            serverCertificate.certificateFile(),
            serverCertificate.keyFile(),
            mtls ? authority.certificateFile() : null),
        true,
        mtls);
  }

  private ManagedChannel connect(String host, ChannelCredentials credentials) {
    channel = NettyChannelBuilder.forAddress(host, server.port(), credentials).build();
    return channel;
  }

  private ChannelCredentials trustingCa(TestCertificates.Issued client) throws Exception {
    TlsChannelCredentials.Builder tls =
        TlsChannelCredentials.newBuilder().trustManager(authority.certificateFile().toFile());
    if (client != null) {
      tls.keyManager(client.certificateFile().toFile(), client.keyFile().toFile());
    }
    return tls.build();
  }

  private static String score(ManagedChannel channel) {
    return ScoringServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build())
        .getBand();
  }

  private static long publish(ManagedChannel channel, String token) {
    var stub = ModelServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    if (token != null) {
      Metadata headers = new Metadata();
      headers.put(AccessControl.AUTHORIZATION, "Bearer " + token);
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    return stub.publishModel(
            PublishModelRequest.newBuilder().setModel(Models.defaultWithBonus(5)).build())
        .getVersion()
        .getVersion();
  }

  @Test
  void tls_clientTrustingTheCa_scoresAndPublishesWithToken_plaintextClientRefused()
      throws Exception {
    startTls(false);

    ManagedChannel tls = connect("localhost", trustingCa(null));
    assertThat(score(tls)).isEqualTo("cold");
    assertThatThrownBy(() -> publish(tls, null))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.UNAUTHENTICATED));
    assertThat(publish(tls, TOKEN)).isEqualTo(2);
    ManagedChannel plaintext =
        NettyChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
    try {
      assertThatThrownBy(() -> score(plaintext))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class, e -> assertCode(e, Status.Code.UNAVAILABLE));
    } finally {
      plaintext.shutdownNow();
    }
  }

  @Test
  void mtls_clientCertificateSignedByTheCa_authorizesAdminCallsWithoutToken() throws Exception {
    startTls(true);
    TestCertificates.Issued client = TestCertificates.leaf(directory, "client", authority);

    ManagedChannel mtls = connect("localhost", trustingCa(client));

    assertThat(publish(mtls, null)).isEqualTo(2);
    assertThat(score(mtls)).isEqualTo("cold");
  }

  @Test
  void mtls_withoutClientCertificate_scoresButAdminNeedsTheToken() throws Exception {
    startTls(true);

    ManagedChannel tls = connect("localhost", trustingCa(null));

    assertThat(score(tls)).isEqualTo("cold");
    assertThatThrownBy(() -> publish(tls, null))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.UNAUTHENTICATED));
    assertThatThrownBy(() -> publish(tls, "wrong"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.PERMISSION_DENIED));
  }

  @Test
  void mtls_clientCertificateFromAnotherCa_notAcceptedForAdminCalls() throws Exception {
    startTls(true);
    TestCertificates.Issued rogueCa = TestCertificates.authority(directory, "rogue-ca");
    TestCertificates.Issued rogue = TestCertificates.leaf(directory, "rogue", rogueCa);

    ManagedChannel channel = connect("localhost", trustingCa(rogue));

    // Depending on the TLS stack the client withholds a certificate the server's CA list does not
    // cover (the call then lacks credentials) or the handshake fails; either way nothing changes.
    assertThatThrownBy(() -> publish(channel, null))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getCode())
                    .isIn(Status.Code.UNAUTHENTICATED, Status.Code.UNAVAILABLE));
    assertThat(directory.resolve("models/b2b-default/2.json")).doesNotExist();
  }

  /**
   * Was {@code noAdminCredentialsConfigured_writesFromLoopbackOnly}, which asserted that a server
   * on every interface without credentials scores for remote callers and accepts model writes from
   * loopback peers: the insecure behaviour issue 15 removes (a same-host proxy or sidecar makes
   * every caller a loopback peer). Its refusal of remote writes naming --admin-token stays, now for
   * every caller; traffic stays on loopback.
   */
  @Test
  void noCredentialsConfigured_boundToEveryInterface_refusesCallsEvenFromLoopback()
      throws Exception {
    start(InetAddress.getByName("0.0.0.0"), null, false, false);

    ManagedChannel local = connect("127.0.0.1", InsecureChannelCredentials.create());
    assertThatThrownBy(() -> publish(local, null))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription()).contains("--admin-token");
            });
    assertThatThrownBy(() -> score(local))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.UNAUTHENTICATED));
    assertThat(directory.resolve("models/b2b-default/2.json")).doesNotExist();
  }
}
