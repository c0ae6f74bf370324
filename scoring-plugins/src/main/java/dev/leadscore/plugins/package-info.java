/**
 * The built-in criteria: {@code attribute} (points from one lead attribute), {@code event_count}
 * (points per recent event) and {@code recency} (points by the age of the latest event). They reach
 * the server exactly as a third-party plugin would, through {@link
 * dev.leadscore.plugins.BuiltinCriteriaPlugin} in {@code META-INF/services}, and use nothing but
 * {@code scoring-api}. Every factory parses and validates its whole configuration once, when a
 * model is compiled; the criteria it creates are immutable and only read the lead while scoring.
 */
@NullMarked
package dev.leadscore.plugins;

import org.jspecify.annotations.NullMarked;
