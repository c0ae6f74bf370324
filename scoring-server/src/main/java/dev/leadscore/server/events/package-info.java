/**
 * Stateful scoring on a {@link dev.leadscore.core.state.LeadStore}: {@link
 * dev.leadscore.server.events.EventStreams} serves {@code StreamEvents} and {@code
 * StreamEventBatches} (one handler: inputs of one lead applied in order on its lane by {@link
 * dev.leadscore.server.events.StoredLeadScorer}, answered once durable), {@code GetLead}, {@code
 * DeleteLead} and {@code WatchTransitions} (the store's durable transition log, read by one watcher
 * per call). Internal to the server: public only for {@code dev.leadscore.server}.
 */
@NullMarked
package dev.leadscore.server.events;

import org.jspecify.annotations.NullMarked;
