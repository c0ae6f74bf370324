package dev.leadscore.server;

import static java.util.Objects.requireNonNull;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Server TLS credentials from PEM files. */
public final class ServerTls {
  private ServerTls() {}

  /**
   * TLS with {@code cert} (a PEM certificate chain) and {@code key} (its PEM PKCS#8 private key);
   * with {@code clientCa}, clients may present a certificate, which the handshake then verifies
   * against it (a client without one still connects, for scoring).
   *
   * @throws IOException if a file cannot be read or holds no usable PEM
   */
  public static ServerCredentials credentials(Path cert, Path key, @Nullable Path clientCa)
      throws IOException {
    requireNonNull(cert, "cert");
    requireNonNull(key, "key");
    TlsServerCredentials.Builder tls =
        TlsServerCredentials.newBuilder().keyManager(cert.toFile(), key.toFile());
    if (clientCa != null) {
      tls.trustManager(clientCa.toFile()).clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL);
    }
    return tls.build();
  }
}
