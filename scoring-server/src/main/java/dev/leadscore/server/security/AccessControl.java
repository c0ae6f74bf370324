package dev.leadscore.server.security;

import static java.util.Objects.requireNonNull;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * Enforces an {@link AccessPolicy} on every call: identifies the caller (a verified client
 * certificate, else a bearer token, else nobody), checks the role the method needs ({@link
 * MethodRoles}), and refuses with {@code UNAUTHENTICATED} (no or malformed credentials) or {@code
 * PERMISSION_DENIED} (an unknown token, or a client without the role, naming the role). Admin and
 * delete calls are logged with the caller's name and the outcome on logger {@value #AUDIT_LOGGER},
 * never with the token. Thread-safe.
 *
 * <p>Design notes: tokens are compared as SHA-256 digests against every client's digests with
 * {@code MessageDigest.isEqual}, without stopping at a match, so the time taken says nothing about
 * any token. Callers without credentials get roles that depend on where the server listens, known
 * only once it is bound: until {@link #listening} they get none.
 */
public final class AccessControl implements ServerInterceptor {
  /** The metadata key of bearer tokens: {@code authorization: Bearer <token>}. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** The logger of admin and delete calls. */
  public static final String AUDIT_LOGGER = "dev.leadscore.audit";

  /**
   * The caller's roles, in the context of the calls whose service checks a further role itself
   * ({@link MethodRoles#exposesRoles}); absent elsewhere, so other calls allocate nothing.
   */
  private static final Context.Key<Set<Role>> CALLER_ROLES = Context.key("leadscore-caller-roles");

  private static final String BEARER = "Bearer ";
  private static final System.Logger LOG = System.getLogger(AccessControl.class.getName());
  private static final System.Logger AUDIT = System.getLogger(AUDIT_LOGGER);

  private final AccessPolicy policy;
  private volatile Set<Role> anonymous = Set.of();
  private volatile boolean localOnly;
  private volatile Caller anonymousCaller = new Caller("anonymous", Set.of(), true, null);
  private volatile Map<AccessClient, Caller> clientCallers = Map.of();

  public AccessControl(AccessPolicy policy) {
    this.policy = requireNonNull(policy, "policy");
  }

  /**
   * Sets what callers without credentials may do from the sockets the server listens on (all on
   * loopback, or in-process: this host only), and logs the policy in force.
   */
  public void listening(List<? extends SocketAddress> sockets) {
    boolean local = !sockets.isEmpty() && sockets.stream().allMatch(AccessControl::isLocal);
    this.localOnly = local;
    Set<Role> roles = policy.anonymousRoles(local);
    this.anonymous = roles;
    // Built once, so that a call only looks its caller up.
    Map<AccessClient, Caller> callers = new IdentityHashMap<>();
    for (AccessClient client : policy.clients()) {
      callers.put(client, new Caller(client.name(), union(roles, client.roles()), false, null));
    }
    this.clientCallers = callers;
    this.anonymousCaller = new Caller("anonymous", roles, true, null);
    LOG.log(
        Level.INFO,
        "access policy={0} clients={1} anonymous={2} listening={3}",
        policy.source(),
        policy.clients().size() + (policy.certificateAdmins() ? " + verified certificates" : ""),
        anonymous.isEmpty() ? "none" : EnumSet.copyOf(anonymous),
        local ? "this host only" : "beyond this host");
    if (!local && policy.insecureOpen()) {
      LOG.log(
          Level.WARNING,
          "--insecure-open: callers without credentials, from any address that reaches this"
              + " server, may score, send events, read, watch and delete leads");
    } else if (!local && !policy.configured()) {
      LOG.log(
          Level.WARNING,
          "listening beyond this host without credentials: every call but health and reflection"
              + " is refused; configure --access-policy, --admin-token or --tls-client-ca");
    } else if (local && anonymous.contains(Role.ADMIN)) {
      LOG.log(
          Level.INFO,
          "no credentials configured: callers on this host may make every call, model writes"
              + " included");
    }
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Role needed = MethodRoles.role(method);
    if (needed == null) {
      return next.startCall(call, headers);
    }
    Caller caller = identify(call, headers);
    Status refusal = caller.refusal;
    if (refusal == null && !caller.roles.contains(needed)) {
      refusal = caller.anonymous ? unauthenticated(method, needed) : denied(caller, method, needed);
    }
    boolean audited = needed == Role.ADMIN || needed == Role.DELETE_LEADS;
    if (refusal != null) {
      if (audited) {
        audit(caller.name, method, refusal.getCode(), call);
      }
      call.close(refusal, new Metadata());
      return new ServerCall.Listener<>() {};
    }
    ServerCall<Q, R> admitted = audited ? new Audited<>(call, caller.name, method) : call;
    if (MethodRoles.exposesRoles(method)) {
      return Contexts.interceptCall(
          Context.current().withValue(CALLER_ROLES, caller.roles), admitted, headers, next);
    }
    return next.startCall(admitted, headers);
  }

  /**
   * Whether the caller of the current call holds {@code role}, for a service that needs a further
   * role for part of a call (e.g. {@code PreviewImpact} with a model document needs {@code
   * validate}). Call it on the call's thread. False outside such a call.
   */
  public static boolean callerHolds(Role role) {
    Set<Role> roles = CALLER_ROLES.get();
    return roles != null && roles.contains(role);
  }

  /** Who calls, with which roles; or why the credentials are refused. */
  private record Caller(
      String name, Set<Role> roles, boolean anonymous, @Nullable Status refusal) {}

  private Caller identify(ServerCall<?, ?> call, Metadata headers) {
    Caller byCertificate = byCertificate(call);
    if (byCertificate != null) {
      return byCertificate;
    }
    String authorization = headers.get(AUTHORIZATION);
    if (authorization == null) {
      return anonymousCaller;
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return new Caller(
          "anonymous",
          Set.of(),
          true,
          Status.UNAUTHENTICATED.withDescription(
              "authorization: not a bearer token (expected: metadata authorization: Bearer"
                  + " <token>)"));
    }
    byte[] digest = AccessPolicy.sha256(authorization.substring(BEARER.length()).trim());
    AccessClient found = null;
    for (AccessClient client : policy.clients()) {
      if (client.hasToken(digest)) {
        found = client;
      }
    }
    if (found == null) {
      return new Caller(
          "unknown token",
          Set.of(),
          false,
          Status.PERMISSION_DENIED.withDescription("the bearer token is not valid"));
    }
    return callerOf(found);
  }

  private Caller callerOf(AccessClient client) {
    Caller caller = clientCallers.get(client);
    return caller != null ? caller : new Caller(client.name(), client.roles(), false, null);
  }

  /** The caller a verified client certificate names; null without one. */
  private @Nullable Caller byCertificate(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return null;
    }
    X509Certificate certificate;
    try {
      // Present only if the handshake verified the chain against the client CA.
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
        return null;
      }
      certificate = leaf;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
    X500Principal subject = certificate.getSubjectX500Principal();
    List<String> names = alternativeNames(certificate);
    for (AccessClient client : policy.clients()) {
      if (client.hasCertificate(subject, names)) {
        return callerOf(client);
      }
    }
    if (policy.certificateAdmins()) {
      return new Caller("certificate " + subject.getName(), EnumSet.allOf(Role.class), false, null);
    }
    return null;
  }

  private static Set<Role> union(Set<Role> anonymous, Set<Role> roles) {
    EnumSet<Role> all = EnumSet.noneOf(Role.class);
    all.addAll(anonymous);
    all.addAll(roles);
    return all;
  }

  private static List<String> alternativeNames(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
      if (entries != null) {
        for (List<?> entry : entries) {
          // 1: e-mail, 2: DNS name, 6: URI (e.g. a SPIFFE ID).
          Object type = entry.get(0);
          if ((type.equals(1) || type.equals(2) || type.equals(6))
              && entry.get(1) instanceof String name) {
            names.add(name);
          }
        }
      }
    } catch (CertificateParsingException e) {
      return names;
    }
    return names;
  }

  private Status unauthenticated(String method, Role needed) {
    if (!localOnly && !policy.configured() && !policy.insecureOpen()) {
      return Status.UNAUTHENTICATED.withDescription(
          method
              + " needs role "
              + needed
              + ", and this server listens beyond this host without credentials configured:"
              + " start it with --access-policy, --admin-token or --tls-client-ca, or"
              + " --insecure-open (see the README's Security section)");
    }
    return Status.UNAUTHENTICATED.withDescription(
        method
            + " needs role "
            + needed
            + ", which callers without credentials do not have (expected: metadata"
            + " authorization: Bearer <token>, or a client certificate)");
  }

  private static Status denied(Caller caller, String method, Role needed) {
    return Status.PERMISSION_DENIED.withDescription(
        "client " + caller.name + " lacks role " + needed + " (needed for " + method + ")");
  }

  private static void audit(String caller, String method, Status.Code code, ServerCall<?, ?> call) {
    AUDIT.log(
        Level.INFO,
        "audit caller={0} method={1} status={2} peer={3}",
        caller,
        method,
        code,
        String.valueOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
  }

  /** Logs the outcome of an admin or delete call when it closes. */
  private static final class Audited<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private final String caller;
    private final String method;

    Audited(ServerCall<Q, R> call, String caller, String method) {
      super(call);
      this.caller = caller;
      this.method = method;
    }

    @Override
    public void close(Status status, Metadata trailers) {
      audit(caller, method, status.getCode(), delegate());
      super.close(status, trailers);
    }
  }

  /**
   * Whether an address is on this host: loopback, or a transport without a network address
   * (in-process, Unix sockets). A wildcard address (0.0.0.0) is not: it listens on every interface.
   */
  public static boolean isLocal(@Nullable SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet.getAddress() != null && inet.getAddress().isLoopbackAddress();
    }
    return address != null;
  }
}
