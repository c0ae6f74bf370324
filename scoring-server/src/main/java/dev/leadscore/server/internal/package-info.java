/**
 * What the server's services share, not an API: the one mapping of exceptions to statuses ({@link
 * dev.leadscore.server.internal.ScoringStatuses}) and of a unary call to exactly one answer ({@link
 * dev.leadscore.server.internal.UnaryCalls}), request envelope checks, score responses, the call
 * tracker that graceful shutdown waits on, metrics (per method, per model, the Prometheus endpoint)
 * and admin authorization. May change in any release.
 */
@NullMarked
package dev.leadscore.server.internal;

import org.jspecify.annotations.NullMarked;
