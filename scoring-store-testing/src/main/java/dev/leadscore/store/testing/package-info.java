/**
 * The test kit for lead store authors: {@link dev.leadscore.store.testing.LeadStoreContractTest}
 * checks the {@link dev.leadscore.core.state.LeadStore} contract; a store's test extends it. Every
 * store module of this project runs it. Depend on this artifact in {@code test} scope.
 */
@NullMarked
package dev.leadscore.store.testing;

import org.jspecify.annotations.NullMarked;
