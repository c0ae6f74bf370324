/**
 * Finding the compiled model version a request names: {@link
 * dev.leadscore.core.registry.ModelRegistry} resolves a {@link
 * dev.leadscore.core.registry.ModelSelector} to a {@link dev.leadscore.core.model.CompiledModel};
 * {@link dev.leadscore.core.registry.ModelRepository} is the versioned model repository on disk
 * (immutable versions, labels, experiments, atomic writes) and {@link
 * dev.leadscore.core.registry.RepositoryModelRegistry} resolves against it through a cache of
 * compiled versions.
 */
@NullMarked
package dev.leadscore.core.registry;

import org.jspecify.annotations.NullMarked;
