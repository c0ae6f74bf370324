/**
 * Per-lead state for stateful event streams: the {@link dev.leadscore.core.state.LeadStore} SPI
 * (per-lead atomic update, idempotency by event id, a durable transition log, erasure), {@link
 * dev.leadscore.core.state.LeadStoreProvider} through which store modules (such as {@code
 * scoring-store-rocksdb}) are found by location, and {@link dev.leadscore.core.state.LeadStates},
 * which applies events and profile changes to a {@code LeadState} within its bounds. No store lives
 * here: the engine never loads a storage library.
 */
@NullMarked
package dev.leadscore.core.state;

import org.jspecify.annotations.NullMarked;
