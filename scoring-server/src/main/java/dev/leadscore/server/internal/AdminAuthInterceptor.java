package dev.leadscore.server.internal;

import dev.leadscore.proto.v1.ModelServiceGrpc;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * Guards the {@code ModelService} calls that change the repository; every other call passes.
 *
 * <p>A write is allowed with the bearer token in {@code authorization} metadata (compared in
 * constant time), or with a client certificate the TLS handshake verified against the configured
 * client CA. Without either configured, writes are allowed only from the same host (loopback, the
 * in-process transport, Unix sockets), so a fresh {@code leadscore serve} can be managed locally
 * but not from the network.
 */
public final class AdminAuthInterceptor implements ServerInterceptor {
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";
  private static final Set<String> WRITES =
      Set.of(
          ModelServiceGrpc.getPublishModelMethod().getFullMethodName(),
          ModelServiceGrpc.getSetLabelMethod().getFullMethodName(),
          ModelServiceGrpc.getDeleteLabelMethod().getFullMethodName(),
          ModelServiceGrpc.getSetExperimentMethod().getFullMethodName(),
          ModelServiceGrpc.getDeleteExperimentMethod().getFullMethodName());

  private final byte @Nullable [] tokenDigest;
  private final boolean clientCertificates;

  public AdminAuthInterceptor(@Nullable String token, boolean clientCertificates) {
    this.tokenDigest = token == null ? null : sha256(token);
    this.clientCertificates = clientCertificates;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (WRITES.contains(call.getMethodDescriptor().getFullMethodName())) {
      Status refusal = refusal(call, headers);
      if (refusal != null) {
        call.close(refusal, new Metadata());
        return new ServerCall.Listener<>() {};
      }
    }
    return next.startCall(call, headers);
  }

  private @Nullable Status refusal(ServerCall<?, ?> call, Metadata headers) {
    if (clientCertificates && verifiedClientCertificate(call)) {
      return null;
    }
    String authorization = headers.get(AUTHORIZATION);
    if (tokenDigest == null) {
      if (!clientCertificates
          && isLocal(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR))) {
        return null;
      }
      return Status.UNAUTHENTICATED.withDescription(
          clientCertificates
              ? "admin calls need a client certificate signed by the server's client CA"
              : "admin calls are accepted from this host only; start the server with"
                  + " --admin-token (or LEADSCORE_ADMIN_TOKEN) or --tls-client-ca to allow"
                  + " remote ones");
    }
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Status.UNAUTHENTICATED.withDescription(
          "admin calls need credentials (expected: metadata authorization: Bearer <admin token>"
              + (clientCertificates ? ", or a client certificate" : "")
              + ")");
    }
    byte[] given = sha256(authorization.substring(BEARER.length()).trim());
    // Both sides are digests of equal length, so the comparison time says nothing about the token.
    if (!MessageDigest.isEqual(given, tokenDigest)) {
      return Status.PERMISSION_DENIED.withDescription("the admin token is not valid");
    }
    return null;
  }

  private static boolean verifiedClientCertificate(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return false;
    }
    try {
      // Present only if the handshake verified the chain against the client CA.
      return session.getPeerCertificates().length > 0;
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }

  /** Whether a caller is on this host: loopback, or a transport without a network address. */
  public static boolean isLocal(@Nullable SocketAddress remote) {
    if (remote instanceof InetSocketAddress address) {
      return address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }
    return remote != null;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
