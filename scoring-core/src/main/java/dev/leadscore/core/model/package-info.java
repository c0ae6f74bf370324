/**
 * Models: parsing a model document, compiling it once into an immutable {@link
 * dev.leadscore.core.model.CompiledModel}, and scoring leads with it. Compilation resolves every
 * criterion's plugin, validates every part and collects every problem before failing; scoring only
 * reads what compilation prepared.
 */
@NullMarked
package dev.leadscore.core.model;

import org.jspecify.annotations.NullMarked;
