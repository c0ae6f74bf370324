/**
 * Calling leadscore from Java: {@link dev.leadscore.client.LeadscoreChannels} builds a channel with
 * the service's defaults (per-method deadlines, retries of idempotent calls only, keepalive) and
 * optional TLS and bearer-token credentials; the stubs are the generated ones of {@code
 * dev.leadscore.proto.v1}.
 */
@NullMarked
package dev.leadscore.client;

import org.jspecify.annotations.NullMarked;
