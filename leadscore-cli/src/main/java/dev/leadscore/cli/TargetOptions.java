package dev.leadscore.cli;

import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How the commands that talk to a running server reach it: address, TLS and bearer token. */
final class TargetOptions {
  /** Large enough for a page of exported leads with their profiles. */
  private static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @Option(
      names = "--target",
      defaultValue = "localhost:50051",
      paramLabel = "HOST:PORT",
      description = "The leadscore server (default: ${DEFAULT-VALUE}).")
  String target = "localhost:50051";

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "A file holding the bearer token to send (default: the LEADSCORE_TOKEN environment"
              + " variable, if set; none on a server that needs none, e.g. on this host).")
  @Nullable Path tokenFile;

  @Option(
      names = "--tls-ca",
      paramLabel = "FILE",
      description = "Connect with TLS, trusting this CA certificate (PEM); plaintext without it.")
  @Nullable Path tlsCa;

  /** An open connection; close it when done. */
  record Connection(ManagedChannel managed, Channel channel) implements AutoCloseable {
    @Override
    public void close() {
      managed.shutdownNow();
      try {
        managed.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Opens a channel to {@link #target}; the token, if any, goes with every call.
   *
   * @throws UncheckedIOException if the token or CA file cannot be read
   */
  Connection connect() {
    ChannelCredentials credentials;
    if (tlsCa == null) {
      credentials = InsecureChannelCredentials.create();
    } else {
      try {
        credentials = TlsChannelCredentials.newBuilder().trustManager(tlsCa.toFile()).build();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read --tls-ca " + tlsCa + ": " + FileErrors.reason(e), e);
      }
    }
    ManagedChannel managed =
        Grpc.newChannelBuilder(target, credentials)
            .maxInboundMessageSize(MAX_INBOUND_BYTES)
            .build();
    String token = token();
    if (token == null) {
      return new Connection(managed, managed);
    }
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    return new Connection(
        managed,
        ClientInterceptors.intercept(managed, MetadataUtils.newAttachHeadersInterceptor(headers)));
  }

  private @Nullable String token() {
    if (tokenFile != null) {
      try {
        return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read --token-file " + tokenFile + ": " + FileErrors.reason(e), e);
      }
    }
    String token = System.getenv("LEADSCORE_TOKEN");
    return token == null || token.isBlank() ? null : token.trim();
  }
}
