package dev.leadscore.store.rocksdb;

import dev.leadscore.core.state.AccountKey;
import dev.leadscore.proto.v1.BandTransition;
import org.jspecify.annotations.Nullable;

/**
 * One applied account change as the commit thread writes it, serialized on the updating thread.
 *
 * @param member the member's entry, null to remove it
 * @param state the account's state, null to remove the account (its last member left)
 * @param transition an account transition to append, null if none
 * @param holder the cached account, whose queued-write count drops once this is written
 */
record AccountWrite(
    AccountKey key,
    String leadId,
    byte @Nullable [] member,
    byte @Nullable [] state,
    @Nullable BandTransition transition,
    AccountCache.Holder holder) {}
