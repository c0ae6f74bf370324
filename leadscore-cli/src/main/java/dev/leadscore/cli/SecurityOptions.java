package dev.leadscore.cli;

import dev.leadscore.server.ServerTls;
import io.grpc.ServerCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code serve} options for TLS and admin credentials. */
final class SecurityOptions {
  @Option(
      names = "--admin-token",
      defaultValue = "${env:LEADSCORE_ADMIN_TOKEN}",
      description =
          "Bearer token that authorizes ModelService writes (env LEADSCORE_ADMIN_TOKEN; prefer the"
              + " environment or --admin-token-file: command lines are visible to other users)."
              + " Without a token or --tls-client-ca, writes are accepted from this host only,"
              + " which includes callers behind a same-host proxy or sidecar.")
  @Nullable String adminToken;

  @Option(
      names = "--admin-token-file",
      defaultValue = "${env:LEADSCORE_ADMIN_TOKEN_FILE}",
      description = "File holding the admin token (env LEADSCORE_ADMIN_TOKEN_FILE).")
  @Nullable Path adminTokenFile;

  @Option(
      names = "--tls-cert",
      defaultValue = "${env:LEADSCORE_TLS_CERT}",
      description = "PEM certificate chain: serve TLS (env LEADSCORE_TLS_CERT).")
  @Nullable Path tlsCert;

  @Option(
      names = "--tls-key",
      defaultValue = "${env:LEADSCORE_TLS_KEY}",
      description = "PEM PKCS#8 private key of --tls-cert (env LEADSCORE_TLS_KEY).")
  @Nullable Path tlsKey;

  @Option(
      names = "--tls-client-ca",
      defaultValue = "${env:LEADSCORE_TLS_CLIENT_CA}",
      description =
          "PEM CA certificates: clients may present a certificate signed by one (mTLS), which then"
              + " also authorizes ModelService writes (env LEADSCORE_TLS_CLIENT_CA).")
  @Nullable Path tlsClientCa;

  /** The admin token, from the option or the file; null if neither is given. */
  @Nullable String adminToken() throws IOException {
    if (adminToken != null && !adminToken.isBlank()) {
      return adminToken.trim();
    }
    if (adminTokenFile != null) {
      String token = Files.readString(adminTokenFile, StandardCharsets.UTF_8).trim();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("--admin-token-file " + adminTokenFile + " is empty");
      }
      return token;
    }
    return null;
  }

  /** Whether verified client certificates authorize admin calls. */
  boolean mutualTls() {
    return tlsClientCa != null;
  }

  /** TLS credentials, or null to serve plaintext. */
  @Nullable ServerCredentials credentials() throws IOException {
    if (tlsCert == null && tlsKey == null) {
      if (tlsClientCa != null) {
        throw new IllegalArgumentException("--tls-client-ca needs --tls-cert and --tls-key");
      }
      return null;
    }
    if (tlsCert == null || tlsKey == null) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    return ServerTls.credentials(tlsCert, tlsKey, tlsClientCa);
  }
}
