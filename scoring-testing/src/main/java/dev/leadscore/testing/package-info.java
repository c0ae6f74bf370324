/**
 * The test kit for criterion plugin authors: {@link dev.leadscore.testing.FakeLeadView}, a lead
 * built from plain values, and {@link dev.leadscore.testing.Criteria}, which creates criteria from
 * a config the way model compilation does. It depends on {@code scoring-api} alone, like a plugin.
 * Depend on this artifact in {@code test} scope.
 */
@NullMarked
package dev.leadscore.testing;

import org.jspecify.annotations.NullMarked;
