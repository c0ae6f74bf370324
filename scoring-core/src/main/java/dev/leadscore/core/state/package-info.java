/**
 * Per-lead state for stateful event streams: the {@link dev.leadscore.core.state.LeadStore} SPI
 * (per-lead atomic update, idempotency by event id, a durable transition log, erasure), its
 * embedded default {@link dev.leadscore.core.state.RocksDbLeadStore}, and {@link
 * dev.leadscore.core.state.LeadStates}, which applies events and profile changes to a {@code
 * LeadState} within its bounds.
 */
@NullMarked
package dev.leadscore.core.state;

import org.jspecify.annotations.NullMarked;
