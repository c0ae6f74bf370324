/**
 * Finding the compiled model version a request names: {@link
 * dev.leadscore.core.registry.ModelRegistry} resolves a {@link
 * dev.leadscore.core.registry.ModelSelector} to a {@link dev.leadscore.core.model.CompiledModel};
 * {@link dev.leadscore.core.registry.ModelStore} is where models are kept (immutable versions,
 * labels, experiments), {@link dev.leadscore.core.registry.ModelRepository} the store on disk
 * (atomic file writes), shared stores come from modules through {@link
 * dev.leadscore.core.registry.ModelStoreProvider}, and {@link
 * dev.leadscore.core.registry.RepositoryModelRegistry} resolves against a store through a cache of
 * compiled versions.
 */
@NullMarked
package dev.leadscore.core.registry;

import org.jspecify.annotations.NullMarked;
