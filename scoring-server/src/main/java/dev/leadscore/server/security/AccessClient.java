package dev.leadscore.server.security;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * A named client of the server and the roles it holds. It is recognised by any of its credentials:
 * a bearer token, stored only as its SHA-256 digest; the subject of a client certificate; or a
 * subject alternative name (DNS name, URI or e-mail) of one. Certificates count only when the TLS
 * handshake verified them against the server's client CA. Immutable.
 *
 * @param name shown in logs and denials, never a secret
 * @param tokenDigests SHA-256 digests of its bearer tokens (several, to rotate one)
 * @param certificateSubjects certificate subjects that identify it
 * @param certificateNames subject alternative names that identify it
 * @param roles what it may do, with what they imply
 */
public record AccessClient(
    String name,
    List<byte[]> tokenDigests,
    List<X500Principal> certificateSubjects,
    List<String> certificateNames,
    Set<Role> roles) {

  public AccessClient {
    requireNonNull(name, "name");
    tokenDigests = tokenDigests.stream().map(byte[]::clone).toList();
    certificateSubjects = List.copyOf(certificateSubjects);
    certificateNames = List.copyOf(certificateNames);
    roles = Set.copyOf(Role.expand(roles));
    if (tokenDigests.stream().anyMatch(digest -> digest.length != 32)) {
      throw new IllegalArgumentException("client " + name + ": a token digest is not 32 bytes");
    }
  }

  /**
   * Whether {@code digest} is one of its token digests. Compares every digest in full, in time that
   * does not depend on where they differ.
   */
  boolean hasToken(byte[] digest) {
    boolean found = false;
    for (byte[] candidate : tokenDigests) {
      found |= MessageDigest.isEqual(candidate, digest);
    }
    return found;
  }

  /**
   * Whether a verified certificate with this subject and these alternative names is this client.
   */
  boolean hasCertificate(X500Principal subject, List<String> alternativeNames) {
    if (certificateSubjects.contains(subject)) {
      return true;
    }
    for (String alternative : alternativeNames) {
      for (String own : certificateNames) {
        // DNS names and e-mail domains ignore case; URIs (e.g. SPIFFE IDs) do not.
        if (own.contains(":") ? own.equals(alternative) : own.equalsIgnoreCase(alternative)) {
          return true;
        }
      }
    }
    return false;
  }
}
