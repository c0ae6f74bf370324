/**
 * The embedded, durable lead store: {@link dev.leadscore.store.rocksdb.RocksDbLeadStore} keeps
 * leads and the transition log in one RocksDB directory, behind the {@link
 * dev.leadscore.core.state.LeadStore} contract; {@code rocksdb:DIR} opens it through {@link
 * dev.leadscore.store.rocksdb.RocksDbLeadStoreProvider}. Its record format is in {@code
 * dev.leadscore.store.rocksdb.proto}, never on the wire.
 */
@NullMarked
package dev.leadscore.store.rocksdb;

import org.jspecify.annotations.NullMarked;
