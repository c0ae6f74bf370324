/**
 * The gRPC process: {@link dev.leadscore.server.LeadscoreServer} wires the scoring service, health
 * and reflection onto a {@code ServerBuilder}; {@link dev.leadscore.server.Main} is the command
 * line. Wire messages are adapted to core types here and nowhere else; {@code ScoringStatuses} is
 * the one place that turns exceptions into statuses.
 */
@NullMarked
package dev.leadscore.server;

import org.jspecify.annotations.NullMarked;
