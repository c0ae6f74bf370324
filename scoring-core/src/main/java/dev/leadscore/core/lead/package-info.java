/**
 * Adapting leads to what criteria and rules read: {@link dev.leadscore.core.lead.ProtoLeadView}
 * reads a wire {@code Lead} in place, and {@link dev.leadscore.core.lead.LeadValidation} checks a
 * lead against what a compiled model expects before scoring, naming every bad field.
 */
@NullMarked
package dev.leadscore.core.lead;

import org.jspecify.annotations.NullMarked;
