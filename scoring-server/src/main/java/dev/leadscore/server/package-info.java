/**
 * The gRPC server as a library. {@link dev.leadscore.server.LeadscoreRuntime} builds a running
 * server from settings (plugins, models, lead store, metrics) and releases it in one place; {@link
 * dev.leadscore.server.LeadscoreServer} assembles the services on a {@code ServerBuilder}. The
 * services live in sub-packages: {@code scoring} (stateless: Score, ScoreBatch, ScoreStream),
 * {@code events} (stateful: StreamEvents, StreamEventBatches, GetLead, DeleteLead,
 * WatchTransitions), {@code models} (ModelService); {@code internal} holds what they share. Wire
 * messages are adapted to core types in this module and nowhere else.
 */
@NullMarked
package dev.leadscore.server;

import org.jspecify.annotations.NullMarked;
