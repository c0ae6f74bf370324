/**
 * Who may call what: an {@link dev.leadscore.server.security.AccessPolicy} of named clients, each
 * identified by bearer tokens (kept as SHA-256 digests) or by mTLS client certificates, holding
 * {@link dev.leadscore.server.security.Role}s; what callers without credentials may do; and {@link
 * dev.leadscore.server.security.AccessControl}, the interceptor that enforces it on every call and
 * logs every admin and delete call with the caller's name.
 */
@NullMarked
package dev.leadscore.server.security;

import org.jspecify.annotations.NullMarked;
