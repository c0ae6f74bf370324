package dev.leadscore.client;

import static java.util.Objects.requireNonNull;

import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Channels to a leadscore server with the service's defaults:
 *
 * <pre>{@code
 * ManagedChannel channel = LeadscoreChannels.forTarget("localhost:50051").build();
 * ScoringServiceGrpc.ScoringServiceBlockingStub scoring = ScoringServiceGrpc.newBlockingStub(channel);
 * }</pre>
 *
 * <ul>
 *   <li>A deadline per method when the caller sets none: {@link #DEFAULT_CALL_TIMEOUT} for scoring
 *       and reads (long enough for the first call of a cold client and server), twice that for
 *       {@code ScoreBatch} and writes; streams have none.
 *   <li>Retries on {@code UNAVAILABLE}, up to 3 attempts with backoff, for idempotent calls only:
 *       {@code Score}, {@code ScoreBatch}, {@code GetLead} and the reads of {@code ModelService}.
 *       Never {@code StreamEvents}, {@code StreamEventBatches}, {@code DeleteLead} or a model
 *       write.
 *   <li>Keepalive pings every {@link #KEEPALIVE_TIME} while calls are open, so a stream through an
 *       idle load balancer or NAT is noticed when it breaks; {@code leadscore serve} permits it.
 * </ul>
 *
 * <p>A stub's own {@code withDeadlineAfter} wins when it is shorter. The channel is thread-safe and
 * meant to be shared: build one per server, and {@code shutdown()} it when done.
 */
public final class LeadscoreChannels {
  /** The deadline of a unary call that sets none. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

  /** How often an open connection with calls in flight is pinged. */
  public static final Duration KEEPALIVE_TIME = Duration.ofSeconds(60);

  private LeadscoreChannels() {}

  /**
   * A builder for a channel to {@code target}: {@code host:port}, or any gRPC target such as {@code
   * dns:///scoring.internal:50051}. Plaintext unless {@link Builder#tls} is called.
   */
  public static Builder forTarget(String target) {
    return new Builder(requireNonNull(target, "target"));
  }

  /**
   * The service config {@link Builder#build} installs, for a channel built another way: pass it to
   * {@link ManagedChannelBuilder#defaultServiceConfig} together with {@code enableRetry()}.
   */
  public static Map<String, ?> serviceConfig() {
    return ServiceConfigs.of(DEFAULT_CALL_TIMEOUT, true);
  }

  /** Settings of one channel. Not thread-safe; the channel it builds is. */
  public static final class Builder {
    private final String target;
    private @Nullable ChannelCredentials tls;
    private @Nullable CallCredentials callCredentials;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private boolean retries = true;
    private @Nullable String authority;

    private Builder(String target) {
      this.target = target;
    }

    /** TLS, trusting the JDK's certificate authorities. */
    public Builder tls() {
      this.tls = TlsChannelCredentials.create();
      return this;
    }

    /**
     * TLS, trusting the certificate authorities in {@code caCertificates} (PEM), e.g. the server's
     * own CA.
     *
     * @throws IOException if the file cannot be read
     */
    public Builder tls(Path caCertificates) throws IOException {
      requireNonNull(caCertificates, "caCertificates");
      this.tls = TlsChannelCredentials.newBuilder().trustManager(caCertificates.toFile()).build();
      return this;
    }

    /**
     * Mutual TLS: trusts {@code caCertificates} and presents {@code clientCertificate} with its
     * PKCS#8 {@code clientKey} (all PEM). A server started with {@code --tls-client-ca} accepts
     * model writes from a client certificate its CA signed.
     *
     * @throws IOException if a file cannot be read
     */
    public Builder mutualTls(Path caCertificates, Path clientCertificate, Path clientKey)
        throws IOException {
      requireNonNull(caCertificates, "caCertificates");
      this.tls =
          TlsChannelCredentials.newBuilder()
              .trustManager(caCertificates.toFile())
              .keyManager(
                  requireNonNull(clientCertificate, "clientCertificate").toFile(),
                  requireNonNull(clientKey, "clientKey").toFile())
              .build();
      return this;
    }

    /**
     * Sends {@code authorization: Bearer <token>} with every call, over TLS only: without {@link
     * #tls} each call fails with {@code UNAUTHENTICATED} before anything is sent. A server's admin
     * token authorizes {@code ModelService} writes.
     */
    public Builder bearerToken(String token) {
      this.callCredentials = bearerTokenCredentials(requireNonNull(token, "token"));
      return this;
    }

    /**
     * Like {@link #bearerToken} but also over plaintext, where anyone on the path can read the
     * token: for a server on this host only.
     */
    public Builder bearerTokenOverPlaintext(String token) {
      this.callCredentials = new BearerToken(requireNonNull(token, "token"), true);
      return this;
    }

    /**
     * The deadline of unary scoring and read calls that set none ({@code ScoreBatch} and writes get
     * twice it); {@link #DEFAULT_CALL_TIMEOUT} by default.
     */
    public Builder callTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
      }
      this.callTimeout = timeout;
      return this;
    }

    /** Turns off the retries of idempotent calls (on by default). */
    public Builder withoutRetries() {
      this.retries = false;
      return this;
    }

    /** The name the server's certificate is checked against, when it differs from the target. */
    public Builder overrideAuthority(String authority) {
      this.authority = requireNonNull(authority, "authority");
      return this;
    }

    /** A new channel; it connects on the first call. */
    public ManagedChannel build() {
      ChannelCredentials transport = tls == null ? InsecureChannelCredentials.create() : tls;
      ChannelCredentials credentials =
          callCredentials == null
              ? transport
              : CompositeChannelCredentials.create(transport, callCredentials);
      ManagedChannelBuilder<?> channel =
          Grpc.newChannelBuilder(target, credentials)
              .defaultServiceConfig(ServiceConfigs.of(callTimeout, retries))
              .keepAliveTime(KEEPALIVE_TIME.toSeconds(), TimeUnit.SECONDS)
              .keepAliveTimeout(20, TimeUnit.SECONDS)
              .userAgent("leadscore-client");
      if (retries) {
        channel.enableRetry();
      } else {
        channel.disableRetry();
      }
      if (authority != null) {
        channel.overrideAuthority(authority);
      }
      return channel.build();
    }
  }

  /**
   * {@code authorization: Bearer <token>} per call, for a stub: {@code
   * stub.withCallCredentials(LeadscoreChannels.bearerTokenCredentials(token))}. Sent over TLS only.
   */
  public static CallCredentials bearerTokenCredentials(String token) {
    return new BearerToken(requireNonNull(token, "token"), false);
  }
}
