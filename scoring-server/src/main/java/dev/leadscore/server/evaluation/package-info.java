/**
 * The loop on the stored leads ({@code leadscore.v1.EvaluationService}): live evaluation of the
 * scores kept before each lead's outcome, per model version and experiment arm, with a
 * champion/challenger verdict ({@link dev.leadscore.server.evaluation.LiveEvaluator}); the impact a
 * candidate model would have ({@link dev.leadscore.server.evaluation.ImpactPreview}); and the
 * labelled history to fit the next model from ({@link dev.leadscore.server.evaluation.LeadExport}).
 * Every one reads the store in pages ({@link dev.leadscore.core.state.LeadStore#scan}), never all
 * leads at once. The measures come from module {@code scoring-evaluation}.
 */
@NullMarked
package dev.leadscore.server.evaluation;

import org.jspecify.annotations.NullMarked;
