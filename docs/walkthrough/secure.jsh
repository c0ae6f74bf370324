// Admin calls over TLS: without credentials, with the token, with a client certificate.
//   LEADSCORE_CA=ca.crt LEADSCORE_CLIENT_CERT=client.crt LEADSCORE_CLIENT_KEY=client.key \
//   LEADSCORE_ADMIN_TOKEN=... jshell --class-path leadscore-cli/target/leadscore.jar \
//     docs/walkthrough/secure.jsh
import dev.leadscore.proto.v1.*;
import io.grpc.*;
import io.grpc.stub.MetadataUtils;
import java.io.File;

String target = System.getenv().getOrDefault("LEADSCORE_TARGET", "localhost:50051");
File ca = new File(System.getenv("LEADSCORE_CA"));
ChannelCredentials serverOnly = TlsChannelCredentials.newBuilder().trustManager(ca).build();
ChannelCredentials withClientCertificate = TlsChannelCredentials.newBuilder().trustManager(ca).
    keyManager(new File(System.getenv("LEADSCORE_CLIENT_CERT")), new File(System.getenv("LEADSCORE_CLIENT_KEY"))).
    build();

void publish(String what, ChannelCredentials credentials, String token) {
  ManagedChannel channel = Grpc.newChannelBuilder(target, credentials).build();
  ModelServiceGrpc.ModelServiceBlockingStub models = ModelServiceGrpc.newBlockingStub(channel);
  if (token != null) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    models = models.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }
  try {
    ScoringModel current = models.getModel(GetModelRequest.newBuilder().
        setModel(ModelRef.newBuilder().setName("b2b-default")).build()).getModel();
    long version = models.publishModel(PublishModelRequest.newBuilder().setModel(current).build()).
        getVersion().getVersion();
    System.out.println(what + ": published version " + version);
  } catch (StatusRuntimeException e) {
    System.out.println(what + ": " + e.getStatus().getCode() + " " + e.getStatus().getDescription());
  } finally {
    channel.shutdownNow();
  }
}

publish("TLS, no credentials", serverOnly, null);
publish("TLS, wrong token", serverOnly, "guess");
publish("TLS, admin token", serverOnly, System.getenv("LEADSCORE_ADMIN_TOKEN"));
publish("mTLS client certificate, no token", withClientCertificate, null);
/exit
