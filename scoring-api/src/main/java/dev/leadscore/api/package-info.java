/**
 * The criteria plugin SPI: the one contract that code outside this project compiles against. A
 * plugin implements {@link dev.leadscore.api.CriteriaPlugin}, registers it in {@code
 * META-INF/services/dev.leadscore.api.CriteriaPlugin}, and provides {@link
 * dev.leadscore.api.CriterionFactory factories} that turn a criterion's configuration into a {@link
 * dev.leadscore.api.Criterion}. Nothing here depends on protobuf, gRPC, Guice or any other library.
 *
 * @since 0.1
 */
@NullMarked
package dev.leadscore.api;

import org.jspecify.annotations.NullMarked;
