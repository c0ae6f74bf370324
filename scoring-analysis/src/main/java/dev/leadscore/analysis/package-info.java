/**
 * Analysis of historical leads: reading lead tables (CSV or JSON lines), fitting integer-points
 * scorecards from conversions ({@link dev.leadscore.analysis.ScorecardFitter}), and measuring how
 * well any model ranks real outcomes ({@link dev.leadscore.analysis.Evaluator}, {@link
 * dev.leadscore.analysis.Comparison}), with JSON and self-contained HTML reports.
 */
@NullMarked
package dev.leadscore.analysis;

import org.jspecify.annotations.NullMarked;
