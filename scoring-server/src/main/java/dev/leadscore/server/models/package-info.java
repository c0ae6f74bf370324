/**
 * {@code leadscore.v1.ModelService}: publishing, validating, labelling and listing model versions
 * and experiments in the repository, over gRPC. Internal to the server: public only for {@code
 * dev.leadscore.server}.
 */
@NullMarked
package dev.leadscore.server.models;

import org.jspecify.annotations.NullMarked;
