/**
 * The scoring engine's shared vocabulary: the one exception type, its error codes and field
 * violations. The engine itself lives in {@code model}; plugin discovery in {@code plugin}; lead
 * adaptation in {@code lead}; model lookup in {@code registry}. Nothing here imports gRPC.
 */
@NullMarked
package dev.leadscore.core;

import org.jspecify.annotations.NullMarked;
