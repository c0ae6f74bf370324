/**
 * Internal to leadscore, not an API: helpers that the engine, the stores and the server share — the
 * threads the server owns and their policy for fatal errors ({@link
 * dev.leadscore.core.internal.ServerThreads}), and how input is echoed in error messages ({@link
 * dev.leadscore.core.internal.Echoes}). May change in any release.
 */
@NullMarked
package dev.leadscore.core.internal;

import org.jspecify.annotations.NullMarked;
