/**
 * Finding criteria plugins and resolving criterion types. Discovery runs through {@link
 * java.util.ServiceLoader} before any injector exists; {@link
 * dev.leadscore.core.plugin.PluginModule} then binds exactly the factories it is handed, and {@link
 * dev.leadscore.core.plugin.CriterionRegistry} resolves a model's {@code type} names to them.
 */
@NullMarked
package dev.leadscore.core.plugin;

import org.jspecify.annotations.NullMarked;
