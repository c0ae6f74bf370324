/**
 * How well scores rank outcomes, in plain Java: ROC AUC ({@link dev.leadscore.evaluation.RocAuc}),
 * conversion and lift per band and decile and calibration ({@link
 * dev.leadscore.evaluation.ScoreMeasures}), and bootstrap intervals for differences between two
 * models on the same leads or two experiment arms ({@link dev.leadscore.evaluation.Bootstrap}).
 * Shared by the offline tools ({@code scoring-analysis}) and the server's live evaluation, so both
 * compute every measure the same way.
 */
@NullMarked
package dev.leadscore.evaluation;

import org.jspecify.annotations.NullMarked;
