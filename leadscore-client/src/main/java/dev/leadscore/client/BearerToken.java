package dev.leadscore.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.util.concurrent.Executor;

/**
 * {@code authorization: Bearer <token>} on every call, and only over a connection that encrypts: a
 * token sent in plaintext can be read by anyone on the path. Calls over plaintext fail at the
 * client with {@code UNAUTHENTICATED} unless plaintext was allowed explicitly (loopback tests).
 */
final class BearerToken extends CallCredentials {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Metadata header;
  private final boolean allowPlaintext;

  BearerToken(String token, boolean allowPlaintext) {
    if (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException(
          "token: blank or not printable ASCII (expected: the server's admin token)");
    }
    this.header = new Metadata();
    this.header.put(AUTHORIZATION, "Bearer " + token);
    this.allowPlaintext = allowPlaintext;
  }

  @Override
  public void applyRequestMetadata(
      RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
    if (!allowPlaintext && requestInfo.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY) {
      applier.fail(
          Status.UNAUTHENTICATED.withDescription(
              "not sending the bearer token over a connection without TLS (expected: a channel"
                  + " with tls(...), or bearerTokenOverPlaintext for a server on this host)"));
      return;
    }
    applier.apply(header);
  }

  @Override
  public String toString() {
    return "BearerToken[***]";
  }
}
