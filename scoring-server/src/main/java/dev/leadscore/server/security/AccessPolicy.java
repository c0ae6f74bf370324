package dev.leadscore.server.security;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who may call the server: named {@link AccessClient}s with their roles, and what callers without
 * credentials ("anonymous") may do. Immutable; the {@code with*} methods return changed copies.
 *
 * <p>Anonymous callers get, in this order: the roles a policy file lists under {@code anonymous}
 * (none if it lists none: a file is explicit); otherwise, on a server that listens on loopback only
 * (or in-process), every role, except {@code admin} when admin credentials are configured; on a
 * server that listens beyond this host, no role, unless {@link #withInsecureOpen} — then every role
 * except {@code admin}. Whether a server listens on loopback only is read from its bound sockets
 * once it has started ({@link AccessControl#listening}), not from the caller's address: a same-host
 * proxy or sidecar makes every caller look local.
 */
public final class AccessPolicy {
  private final List<AccessClient> clients;
  private final @Nullable Set<Role> anonymous;
  private final boolean certificateAdmins;
  private final boolean insecureOpen;
  private final String source;

  private AccessPolicy(
      List<AccessClient> clients,
      @Nullable Set<Role> anonymous,
      boolean certificateAdmins,
      boolean insecureOpen,
      String source) {
    this.clients = List.copyOf(clients);
    this.anonymous = anonymous == null ? null : Set.copyOf(Role.expand(anonymous));
    this.certificateAdmins = certificateAdmins;
    this.insecureOpen = insecureOpen;
    this.source = source;
  }

  /** No clients; anonymous callers get the default described in the class comment. */
  public static AccessPolicy defaults() {
    return new AccessPolicy(List.of(), null, false, false, "default");
  }

  /**
   * These clients, and exactly these roles for callers without credentials.
   *
   * @throws IllegalArgumentException if two clients share a name or a token
   */
  public static AccessPolicy of(List<AccessClient> clients, Set<Role> anonymous, String source) {
    checkDistinct(clients);
    return new AccessPolicy(clients, requireNonNull(anonymous, "anonymous"), false, false, source);
  }

  /**
   * Reads a policy file (JSON; see the README's "Security" section).
   *
   * @throws IllegalArgumentException naming the file, the path of each bad entry and what was
   *     expected
   */
  public static AccessPolicy load(Path file) {
    return AccessPolicyFiles.load(requireNonNull(file, "file"));
  }

  /**
   * This policy with a client {@code admin} holding every role, identified by {@code token}: what
   * {@code --admin-token} configures.
   */
  public AccessPolicy withAdminToken(String token) {
    requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("admin token: blank (expected: a secret)");
    }
    List<AccessClient> all = new ArrayList<>(clients);
    all.add(
        new AccessClient(
            "admin", List.of(sha256(token)), List.of(), List.of(), EnumSet.allOf(Role.class)));
    checkDistinct(all);
    return new AccessPolicy(all, anonymous, certificateAdmins, insecureOpen, source);
  }

  /**
   * This policy where any client certificate the TLS handshake verified, and that no client claims,
   * holds every role: what {@code --tls-client-ca} configures.
   */
  public AccessPolicy withCertificateAdmins() {
    return new AccessPolicy(clients, anonymous, true, insecureOpen, source);
  }

  /**
   * This policy where callers without credentials may call everything but {@code admin} calls even
   * when the server listens beyond loopback. For a network that is itself the boundary; never on
   * one that people or other tenants share.
   */
  public AccessPolicy withInsecureOpen(boolean open) {
    return new AccessPolicy(clients, anonymous, certificateAdmins, open, source);
  }

  public List<AccessClient> clients() {
    return clients;
  }

  /** Whether any verified client certificate not claimed by a client holds every role. */
  public boolean certificateAdmins() {
    return certificateAdmins;
  }

  public boolean insecureOpen() {
    return insecureOpen;
  }

  /** Where the policy came from, for the start-up log: a file, or {@code default}. */
  public String source() {
    return source;
  }

  /**
   * The roles of callers without credentials on a server that listens as {@code localOnly} says.
   */
  public Set<Role> anonymousRoles(boolean localOnly) {
    if (anonymous != null) {
      return anonymous;
    }
    if (!localOnly && !insecureOpen) {
      return Set.of();
    }
    EnumSet<Role> roles = EnumSet.allOf(Role.class);
    if (!localOnly || hasAdminCredentials()) {
      roles.remove(Role.ADMIN);
    }
    return Set.copyOf(roles);
  }

  /** Whether the policy says anything of its own: clients, certificates or anonymous roles. */
  boolean configured() {
    return !clients.isEmpty() || certificateAdmins || anonymous != null;
  }

  private boolean hasAdminCredentials() {
    return certificateAdmins || clients.stream().anyMatch(c -> c.roles().contains(Role.ADMIN));
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void checkDistinct(List<AccessClient> clients) {
    for (int i = 0; i < clients.size(); i++) {
      for (int j = i + 1; j < clients.size(); j++) {
        AccessClient a = clients.get(i);
        AccessClient b = clients.get(j);
        if (a.name().equals(b.name())) {
          throw new IllegalArgumentException(
              "client name \"" + a.name() + "\" is used twice (expected: unique names)");
        }
        for (byte[] digest : b.tokenDigests()) {
          if (a.hasToken(digest)) {
            throw new IllegalArgumentException(
                "clients " + a.name() + " and " + b.name() + " share a token (expected: one each)");
          }
        }
      }
    }
  }
}
