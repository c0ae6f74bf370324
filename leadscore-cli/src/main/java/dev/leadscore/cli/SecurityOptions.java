package dev.leadscore.cli;

import dev.leadscore.server.ServerTls;
import dev.leadscore.server.security.AccessPolicy;
import io.grpc.ServerCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code serve} options for TLS and access control. */
final class SecurityOptions {
  @Option(
      names = "--access-policy",
      paramLabel = "FILE",
      description =
          "JSON file of named clients (bearer token digests, client certificate subjects or"
              + " names) and their roles: score, events, read-leads, delete-leads, watch,"
              + " read-models, validate, admin; and the roles of callers without credentials"
              + " (\"anonymous\", none if absent). See the README's Security section.")
  @Nullable Path accessPolicy;

  @Option(
      names = "--insecure-open",
      defaultValue = "false",
      description =
          "On a --host beyond loopback, let callers without credentials make every call but"
              + " model writes (score, send events, read, watch and delete leads). Without it,"
              + " such a server refuses them unless a policy or token says otherwise.")
  boolean insecureOpen;

  @Option(
      names = "--admin-token",
      defaultValue = "${env:LEADSCORE_ADMIN_TOKEN}",
      description =
          "Bearer token of a client named admin holding every role (env LEADSCORE_ADMIN_TOKEN;"
              + " prefer the environment or --admin-token-file: command lines are visible to"
              + " other users). Once set, model writes always need credentials.")
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
          "PEM CA certificates: clients may present a certificate signed by one (mTLS); one that"
              + " no --access-policy client claims acts with every role (env"
              + " LEADSCORE_TLS_CLIENT_CA).")
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

  /**
   * The access policy these options describe: the file's, or the default, with the admin token,
   * client certificates and {@code --insecure-open} added.
   *
   * @throws IllegalArgumentException for a bad policy file or conflicting options
   */
  AccessPolicy policy() throws IOException {
    AccessPolicy policy = AccessPolicy.defaults();
    if (accessPolicy != null) {
      if (insecureOpen) {
        throw new IllegalArgumentException(
            "--insecure-open and --access-policy: the file's \"anonymous\" roles say what callers"
                + " without credentials may do (expected: one of them)");
      }
      policy = AccessPolicy.load(accessPolicy);
    }
    String token = adminToken();
    if (token != null) {
      policy = policy.withAdminToken(token);
    }
    if (mutualTls()) {
      policy = policy.withCertificateAdmins();
    }
    return policy.withInsecureOpen(insecureOpen);
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
