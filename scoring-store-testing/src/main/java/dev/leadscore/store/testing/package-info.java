/**
 * The test kit for store authors: {@link dev.leadscore.store.testing.LeadStoreContractTest} checks
 * the {@link dev.leadscore.core.state.LeadStore} contract and {@link
 * dev.leadscore.store.testing.ModelStoreContractTest} the {@link
 * dev.leadscore.core.registry.ModelStore} contract; a store's test extends them. Every store module
 * of this project runs them. Depend on this artifact in {@code test} scope.
 */
@NullMarked
package dev.leadscore.store.testing;

import org.jspecify.annotations.NullMarked;
